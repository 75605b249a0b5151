import Foundation

/// Loads the codes of a code list kept in a CSV file beside the standard. The file is streamed
/// (one read buffer), so memory grows with the codes kept, not with the file: about 16 bytes a
/// code of up to 15 bytes, plus the text of longer codes and of labels.
enum CodelistFileLoader {
    /// Why `path` is no file to read codes from: a FIFO (whose opening would wait for a writer),
    /// a device (`/dev/zero` never ends) or a socket. Nil for a regular file, and for what `stat`
    /// fails on (opening it then says why).
    static func notRegularFile(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFIFO: return "not a regular file (a FIFO)"
        case S_IFCHR: return "not a regular file (a character device)"
        case S_IFBLK: return "not a regular file (a block device)"
        case S_IFSOCK: return "not a regular file (a socket)"
        default: return nil
        }
    }

    static func load(_ list: Codelist, diagnostics: inout Diagnostics) -> Codelist {
        guard let file = list.file else { return list }
        var list = list
        let folder = URL(fileURLWithPath: list.definedIn).deletingLastPathComponent().standardizedFileURL.path
        let path = file.hasPrefix("/") ? file
            : URL(fileURLWithPath: list.definedIn).deletingLastPathComponent().appendingPathComponent(file).path
        if !URL(fileURLWithPath: path).standardizedFileURL.path.hasPrefix(folder + "/") {
            diagnostics.report(.codelistFileOutside, "code list `\(list.name)` reads \(file), outside the standard's folder", at: list.location)
        }
        guard let column = list.column else {
            diagnostics.report(.codelistFileMissing, "code list `\(list.name)` reads \(file) but does not say which `column` holds the codes",
                               at: list.location)
            return list
        }
        if let reason = notRegularFile(path) {
            diagnostics.report(.codelistFileMissing, "code list `\(list.name)`: cannot read \(file): \(reason)", at: list.location)
            return list
        }
        do {
            let reader = try InputOpener.csvReader(path: path, dialect: nil)
            guard try reader.readRecord() else {
                diagnostics.report(.codelistFileMissing, "code list file \(file) is empty", at: list.location)
                return list
            }
            let header = (0..<reader.cells.count).map { String(decoding: reader.cell($0), as: UTF8.self) }
            guard let codeIndex = header.firstIndex(of: column) else {
                diagnostics.report(.codelistFileMissing, "code list file \(file) has no column `\(column)` (it has \(header.joined(separator: ", ")))",
                                   at: list.location, hint: Suggestions.closest(to: column, in: header).map { "did you mean `\($0)`?" })
                return list
            }
            let labelIndex = list.labelColumn.flatMap { header.firstIndex(of: $0) }
            while try reader.readRecord() {
                guard codeIndex < reader.cells.count else { continue }
                let code = String(decoding: reader.cell(codeIndex), as: UTF8.self)
                if code.isEmpty { continue }
                list.values.append(code)
                if let labelIndex, labelIndex < reader.cells.count {
                    list.labels[code] = String(decoding: reader.cell(labelIndex), as: UTF8.self)
                }
            }
        } catch {
            diagnostics.report(.codelistFileMissing, "code list `\(list.name)`: cannot read \(file): \(error.detail)", at: list.location)
        }
        return list
    }
}
