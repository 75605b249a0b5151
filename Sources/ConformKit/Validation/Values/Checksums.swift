extension ChecksumAlgorithm {
    /// Whether `bytes`, exactly as written, carry a valid check digit for this algorithm.
    ///
    /// Nothing is stripped or normalised: a space, hyphen or any other separator fails.
    /// - `nhsMod11`: exactly 10 ASCII digits; the first nine weighted 10 down to 2, check digit
    ///   11 − (sum mod 11), where 11 means 0 and 10 means no valid number exists.
    /// - `luhn`: at least 2 ASCII digits and nothing else, Luhn sum ≡ 0 (mod 10).
    /// - `mod97`: ISO 7064 MOD 97-10 over at least 2 ASCII digits and letters (A–Z or a–z
    ///   count as 10–35), valid when the remainder is 1, as for an LEI.
    func validates(_ bytes: UnsafeRawBufferPointer) -> Bool {
        switch self {
        case .nhsMod11: Self.nhsMod11(bytes)
        case .luhn: Self.luhn(bytes)
        case .mod97: Self.mod97(bytes)
        }
    }

    private static func nhsMod11(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count == 10 else { return false }
        var sum = 0
        for index in 0..<10 {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return false }
            if index < 9 { sum += Int(digit) * (10 - index) }
        }
        var check = 11 - sum % 11
        if check == 11 { check = 0 }
        guard check != 10 else { return false }
        return Int(bytes[9] &- UInt8(ascii: "0")) == check
    }

    private static func luhn(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count >= 2 else { return false }
        var sum = 0
        var doubled = false // the rightmost digit is not doubled
        for index in stride(from: bytes.count - 1, through: 0, by: -1) {
            let digit = Int(bytes[index] &- UInt8(ascii: "0"))
            guard digit < 10 else { return false }
            if doubled {
                let twice = digit * 2
                sum += twice > 9 ? twice - 9 : twice
            } else {
                sum += digit
            }
            doubled.toggle()
        }
        return sum % 10 == 0
    }

    private static func mod97(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count >= 2 else { return false }
        var remainder = 0
        for byte in bytes {
            let digit = byte &- UInt8(ascii: "0")
            if digit < 10 {
                remainder = (remainder * 10 + Int(digit)) % 97
                continue
            }
            let letter = (byte | 0x20) &- UInt8(ascii: "a")
            // `| 0x20` maps only A–Z and a–z onto a–z.
            guard letter < 26 else { return false }
            remainder = (remainder * 100 + Int(letter) + 10) % 97
        }
        return remainder == 1
    }
}
