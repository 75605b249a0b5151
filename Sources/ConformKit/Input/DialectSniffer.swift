/// Guesses the delimiter and quote character from the first lines of a file.
enum DialectSniffer {
    static let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|")]

    /// The delimiter whose per-line count (outside quotes) is non-zero and most consistent
    /// over the first lines; `,` when nothing stands out.
    static func sniffDelimiter(_ sample: [UInt8], quote: UInt8 = UInt8(ascii: "\"")) -> UInt8 {
        var best: (delimiter: UInt8, score: Double) = (UInt8(ascii: ","), 0)
        for candidate in candidates {
            let counts = countsPerLine(sample, delimiter: candidate, quote: quote)
            guard let first = counts.first, first > 0 else { continue }
            let consistent = counts.filter { $0 == first }.count
            let score = Double(consistent) / Double(counts.count) + Double(min(first, 50)) / 1000
            if score > best.score { best = (candidate, score) }
        }
        return best.delimiter
    }

    /// Delimiter counts per complete record in the sample (at most 50 records), respecting quotes.
    static func countsPerLine(_ sample: [UInt8], delimiter: UInt8, quote: UInt8) -> [Int] {
        var counts: [Int] = []
        var current = 0
        var inQuotes = false
        var i = 0
        while i < sample.count && counts.count < 50 {
            let b = sample[i]
            if b == quote {
                inQuotes.toggle()
            } else if !inQuotes {
                if b == delimiter {
                    current += 1
                } else if b == 0x0A || b == 0x0D {
                    if b == 0x0D, i + 1 < sample.count, sample[i + 1] == 0x0A { i += 1 }
                    if current > 0 || counts.isEmpty { counts.append(current) }
                    current = 0
                }
            }
            i += 1
        }
        if counts.isEmpty { counts.append(current) }
        return counts
    }
}
