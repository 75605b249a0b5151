/// A crosswalk as one direction of a comparison sees it: for each field of the producer's
/// standard, its mapping (oriented from producer to consumer, transform included) and the
/// mappings of its codes. For the direction opposite to the crosswalk's, mappings are inverted
/// (broad and narrow swap, transforms are undone where they can be; `NoTermFound` says nothing
/// about the other side).
struct CrosswalkView {
    struct FieldView {
        /// The field's mapping, if the crosswalk has one.
        var mapping: Crosswalk.Mapping?
        /// True when the crosswalk states the field has no counterpart.
        var noCounterpart = false
        /// Mappings of the field's codes, by code; `object` nil for `NoTermFound`.
        var codes: [String: Crosswalk.Mapping] = [:]
    }

    var fields: [String: FieldView] = [:]

    init() {}

    /// The view of `crosswalk` for data going from its subject to its object (`forward`) or back.
    init(_ crosswalk: Crosswalk, forward: Bool) {
        for mapping in crosswalk.mappings {
            var oriented = mapping
            if !forward {
                // A close, broad or narrow code mapping says nothing about the way back (WGS84 is WGS84).
                guard let object = mapping.object, object.code == nil || mapping.predicate == .exactMatch else { continue }
                let subject = mapping.subject
                oriented.subjectID = object.code.map { "\(object.field)#\($0)" } ?? object.field
                oriented.objectID = subject.code.map { "\(subject.field)#\($0)" } ?? subject.field
                oriented.predicate = mapping.predicate.inverse
                oriented.transform = mapping.transform?.inverse
            }
            let (field, code) = oriented.subject
            if let code {
                fields[field, default: FieldView()].codes[code] = oriented
            } else if oriented.object == nil {
                fields[field, default: FieldView()].noCounterpart = true
            } else {
                fields[field, default: FieldView()].mapping = oriented
            }
        }
    }

    subscript(field: String) -> FieldView { fields[field] ?? FieldView() }

    /// What the crosswalk says of `field` going to `target`: a mapping to another field is not applied to
    /// this pair (the fields were matched by name), nor are code mappings into another field.
    func view(of field: String, to target: String) -> FieldView {
        var view = self[field]
        if let mapping = view.mapping, mapping.object?.field != target { view.mapping = nil }
        view.codes = view.codes.filter { $0.value.object == nil || $0.value.object?.field == target }
        return view
    }
}
