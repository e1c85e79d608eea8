import Foundation

/// Parses the date forms that Hugo accepts in front matter.
///
/// Accepted: `2024-01-31`, `2024-01-31T10:20:30`, with an optional fraction
/// of seconds, a `T` or a space between date and time, and a zone of `Z`,
/// `+01:00`, `+0100` or ` +01:00`. A date without a zone is read as UTC.
public enum DateParser {
    public static func parse(_ text: String) -> Date? {
        let scalars = Array(text.trimmingCharacters(in: .whitespaces).unicodeScalars)
        var index = 0

        func number(_ digits: Int) -> Int? {
            guard index + digits <= scalars.count else { return nil }
            var value = 0
            for offset in 0..<digits {
                guard let digit = scalars[index + offset].properties.numericType == .decimal
                    ? Int(String(scalars[index + offset])) : nil else { return nil }
                value = value * 10 + digit
            }
            index += digits
            return value
        }
        func expect(_ character: Unicode.Scalar) -> Bool {
            guard index < scalars.count, scalars[index] == character else { return false }
            index += 1
            return true
        }

        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2) else {
            return nil
        }
        var components = DateComponents(
            calendar: Calendar(identifier: .gregorian), timeZone: TimeZone(identifier: "UTC"),
            year: year, month: month, day: day, hour: 0, minute: 0, second: 0)
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }

        if index < scalars.count, scalars[index] == "T" || scalars[index] == "t" || scalars[index] == " " {
            index += 1
            guard let hour = number(2), expect(":"), let minute = number(2) else { return nil }
            var second = 0
            if expect(":") {
                guard let parsed = number(2) else { return nil }
                second = parsed
            }
            var nanoseconds = 0
            if expect(".") {
                var digits = 0
                while index < scalars.count, scalars[index].properties.numericType == .decimal {
                    if digits < 9, let digit = Int(String(scalars[index])) {
                        nanoseconds = nanoseconds * 10 + digit
                        digits += 1
                    }
                    index += 1
                }
                guard digits > 0 else { return nil }
                for _ in digits..<9 { nanoseconds *= 10 }
            }
            guard hour < 24, minute < 60, second < 61 else { return nil }
            components.hour = hour
            components.minute = minute
            components.second = second
            components.nanosecond = nanoseconds

            while index < scalars.count, scalars[index] == " " { index += 1 }
            if expect("Z") || expect("z") {
                // UTC already.
            } else if index < scalars.count, scalars[index] == "+" || scalars[index] == "-" {
                let sign = scalars[index] == "-" ? -1 : 1
                index += 1
                guard let zoneHour = number(2) else { return nil }
                _ = expect(":")
                let zoneMinute = number(2) ?? 0
                guard let zone = TimeZone(secondsFromGMT: sign * (zoneHour * 3600 + zoneMinute * 60)) else {
                    return nil
                }
                components.timeZone = zone
            }
        }
        guard index == scalars.count else { return nil }

        // Reject dates such as February 30th, which the calendar would roll over into March.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = components.timeZone!
        guard let date = calendar.date(from: components) else { return nil }
        let check = calendar.dateComponents([.year, .month, .day], from: date)
        guard check.year == year, check.month == month, check.day == day else { return nil }
        return date
    }
}
