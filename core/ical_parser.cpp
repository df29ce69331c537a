#include "core/ical_parser.hpp"

#include <algorithm>
#include <cstdio>

#include "core/json_reader.hpp"

namespace yeyou::ical {

namespace {

std::string describe(const std::vector<Problem>& problems) {
  std::string out;
  for (const auto& p : problems) {
    if (!out.empty()) out += "; ";
    out += "line " + std::to_string(p.line) + ": " + p.message;
  }
  return out;
}

bool name_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

struct LogicalLine {
  std::string text;
  int line = 0;
};

// Splits into physical lines, checks bytes, and joins folded lines.
std::vector<LogicalLine> unfold(std::string_view text, const Limits& limits) {
  std::vector<LogicalLine> out;
  std::size_t pos = 0;
  int number = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    for (char c : line) {
      auto u = static_cast<unsigned char>(c);
      if ((u < 0x20 && c != '\t') || u == 0x7f) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", u);
        std::string what = u == 0 ? std::string("NUL byte") : std::string("control character ") + hex;
        throw IcalError(number, what + " in a content line");
      }
    }
    if (line.empty()) continue;  // blank lines are not content lines; tolerated
    if (line.front() == ' ' || line.front() == '\t') {
      if (out.empty()) throw IcalError(number, "a folded continuation line has no line before it");
      auto& last = out.back();
      if (last.text.size() + line.size() - 1 > limits.max_line_bytes)
        throw IcalError(last.line, "content line longer than " + std::to_string(limits.max_line_bytes) + " bytes");
      last.text.append(line.substr(1));
      continue;
    }
    if (line.size() > limits.max_line_bytes)
      throw IcalError(number, "content line longer than " + std::to_string(limits.max_line_bytes) + " bytes");
    out.push_back({std::string(line), number});
  }
  // UTF-8 is checked after unfolding: a fold may split a multi-byte character.
  for (const auto& l : out)
    if (!is_clean_utf8(l.text)) throw IcalError(l.line, "invalid UTF-8");
  return out;
}

Property parse_content_line(const LogicalLine& l) {
  const std::string& s = l.text;
  std::size_t i = 0;
  while (i < s.size() && name_char(s[i])) ++i;
  if (i == 0) throw IcalError(l.line, "a content line must start with a property name");
  Property p;
  p.name = upper(std::string_view(s).substr(0, i));
  p.line = l.line;
  while (i < s.size() && s[i] == ';') {
    ++i;
    std::size_t start = i;
    while (i < s.size() && name_char(s[i])) ++i;
    if (i == start) throw IcalError(l.line, "empty parameter in " + p.name);
    Param param;
    param.name = upper(std::string_view(s).substr(start, i - start));
    if (i >= s.size() || s[i] != '=') throw IcalError(l.line, "parameter " + param.name + " has no '='");
    ++i;
    for (;;) {
      std::string value;
      if (i < s.size() && s[i] == '"') {
        std::size_t close = s.find('"', i + 1);
        if (close == std::string::npos) throw IcalError(l.line, "unterminated quoted value of parameter " + param.name);
        value = s.substr(i + 1, close - i - 1);
        i = close + 1;
      } else {
        std::size_t start_value = i;
        while (i < s.size() && s[i] != ';' && s[i] != ':' && s[i] != ',') {
          if (s[i] == '"') throw IcalError(l.line, "a quote inside the value of parameter " + param.name);
          ++i;
        }
        value = s.substr(start_value, i - start_value);
      }
      param.values.push_back(std::move(value));
      if (i < s.size() && s[i] == ',') {
        ++i;
        continue;
      }
      break;
    }
    p.params.push_back(std::move(param));
  }
  if (i >= s.size() || s[i] != ':') throw IcalError(l.line, "property " + p.name + " has no ':' before its value");
  p.value = s.substr(i + 1);
  return p;
}

}  // namespace

IcalError::IcalError(std::vector<Problem> problems)
    : std::runtime_error(describe(problems)), problems_(std::move(problems)) {}

const std::string* Property::param(std::string_view key) const {
  for (const auto& p : params)
    if (p.name == key && !p.values.empty()) return &p.values.front();
  return nullptr;
}

const Property* Component::property(std::string_view key) const {
  for (const auto& p : properties)
    if (p.name == key) return &p;
  return nullptr;
}

std::vector<const Property*> Component::all(std::string_view key) const {
  std::vector<const Property*> out;
  for (const auto& p : properties)
    if (p.name == key) out.push_back(&p);
  return out;
}

std::vector<Component> parse(std::string_view text, const Limits& limits, std::vector<Problem>* unclosed) {
  if (text.size() > limits.max_bytes)
    throw IcalError(1, "the file is larger than " + std::to_string(limits.max_bytes) + " bytes");
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  auto lines = unfold(text, limits);

  std::vector<Component> roots;
  std::vector<Component> stack;
  std::size_t components = 0, properties = 0;
  for (const auto& l : lines) {
    Property p = parse_content_line(l);
    if (p.name == "BEGIN") {
      std::string name = upper(p.value);
      if (name.empty() || !std::all_of(name.begin(), name.end(), name_char))
        throw IcalError(l.line, "BEGIN needs a component name");
      if (stack.empty() && name != "VCALENDAR")
        throw IcalError(l.line, "expected BEGIN:VCALENDAR, found BEGIN:" + name + " (not an iCalendar object)");
      if (static_cast<int>(stack.size()) >= limits.max_depth)
        throw IcalError(l.line, "components nested deeper than " + std::to_string(limits.max_depth) + " levels");
      if (++components > limits.max_components)
        throw IcalError(l.line, "more than " + std::to_string(limits.max_components) + " components");
      Component c;
      c.name = std::move(name);
      c.line = l.line;
      stack.push_back(std::move(c));
      continue;
    }
    if (p.name == "END") {
      std::string name = upper(p.value);
      if (stack.empty()) throw IcalError(l.line, "END:" + name + " without a matching BEGIN");
      if (stack.back().name != name)
        throw IcalError(l.line, "END:" + name + " does not close BEGIN:" + stack.back().name + " (line " +
                                    std::to_string(stack.back().line) + ")");
      Component done = std::move(stack.back());
      stack.pop_back();
      if (stack.empty()) roots.push_back(std::move(done));
      else stack.back().children.push_back(std::move(done));
      continue;
    }
    if (stack.empty())
      throw IcalError(l.line, roots.empty() ? "expected BEGIN:VCALENDAR, found " + p.name + " (not an iCalendar object)"
                                            : p.name + " after the end of the calendar");
    if (++properties > limits.max_properties)
      throw IcalError(l.line, "more than " + std::to_string(limits.max_properties) + " properties");
    stack.back().properties.push_back(std::move(p));
  }
  while (!stack.empty()) {
    Problem p{stack.back().line, "BEGIN:" + stack.back().name + " is never closed by END:" + stack.back().name};
    if (!unclosed) throw IcalError(p.line, p.message);
    unclosed->push_back(std::move(p));
    Component done = std::move(stack.back());
    stack.pop_back();
    if (stack.empty()) roots.push_back(std::move(done));
    else stack.back().children.push_back(std::move(done));
  }
  if (roots.empty()) throw IcalError(1, "no BEGIN:VCALENDAR found (empty file)");
  return roots;
}

}  // namespace yeyou::ical
