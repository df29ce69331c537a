#pragma once
// iCalendar (RFC 5545) syntax: content lines, unfolding, parameters and the
// BEGIN/END component tree. Input is untrusted: a UTF-8 BOM is skipped, CRLF
// and LF line ends are accepted, and a NUL or other control character,
// invalid UTF-8, an over-long line, deep nesting or an unbalanced END is
// refused with the line number. Nothing here interprets values.
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace yeyou::ical {

struct Problem {
  int line = 0;
  std::string message;
};

// One or more problems, each with its line: "line 4: empty parameter".
class IcalError : public std::runtime_error {
 public:
  explicit IcalError(std::vector<Problem> problems);
  IcalError(int line, const std::string& message) : IcalError(std::vector<Problem>{{line, message}}) {}
  const std::vector<Problem>& problems() const { return problems_; }

 private:
  std::vector<Problem> problems_;
};

struct Limits {
  std::size_t max_bytes = 8u << 20;     // the whole file
  std::size_t max_line_bytes = 64u << 10;  // one unfolded content line
  int max_depth = 8;                    // VCALENDAR > VEVENT > VALARM is 3
  std::size_t max_components = 20000;
  std::size_t max_properties = 200000;
};

struct Param {
  std::string name;  // upper case
  std::vector<std::string> values;
};

struct Property {
  std::string name;  // upper case
  std::vector<Param> params;
  std::string value;  // raw: TEXT escapes are still in place
  int line = 0;
  // The first value of a parameter, or nullptr.
  const std::string* param(std::string_view key) const;
};

struct Component {
  std::string name;  // upper case: VCALENDAR, VEVENT, VTIMEZONE, STANDARD, ...
  int line = 0;      // the BEGIN line
  std::vector<Property> properties;
  std::vector<Component> children;
  const Property* property(std::string_view key) const;
  std::vector<const Property*> all(std::string_view key) const;
};

// Parses an iCalendar stream. Every top-level component must be a VCALENDAR
// and there must be at least one. Throws IcalError at the first syntax problem.
// With `unclosed`, components left open at the end of the file are closed
// there and reported into it instead, so a caller can list every other
// problem of the file as well before refusing it.
std::vector<Component> parse(std::string_view text, const Limits& limits = {},
                             std::vector<Problem>* unclosed = nullptr);

}  // namespace yeyou::ical
