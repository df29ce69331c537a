#include "server/http/route.hpp"

#include <algorithm>
#include <stdexcept>

namespace yeyou::http {

std::string_view method_name(Method m) {
  switch (m) {
    case Method::get: return "GET";
    case Method::post: return "POST";
    case Method::put: return "PUT";
    case Method::patch: return "PATCH";
    case Method::del: return "DELETE";
  }
  return "";
}

Access anyone() { return {}; }
Access kiosk(Scope scope) { return {Access::Who::kiosk, {}, scope}; }
Access counter(Scope scope) { return {Access::Who::counter, {}, scope}; }
Access signed_in() { return {Access::Who::signed_in, {}, Scope::none}; }
Access user(std::vector<services::Role> roles, Scope scope) { return {Access::Who::user, std::move(roles), scope}; }

namespace {

bool all_of_chars(std::string_view v, std::size_t min, std::size_t max, bool (*ok)(char)) {
  return v.size() >= min && v.size() <= max && std::all_of(v.begin(), v.end(), ok);
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool device_char(char c) { return is_alnum(c) || c == '.' || c == '_' || c == '-'; }
bool tracking_char(char c) { return is_alnum(c) || c == '-'; }
bool token_char(char c) { return is_alnum(c) || c == '_' || c == '-'; }
bool action_char(char c) { return (c >= 'a' && c <= 'z') || c == '-'; }
bool uuid_char(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '-'; }
bool file_char(char c) { return is_alnum(c) || c == '_' || c == '.' || c == '/' || c == '-'; }

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> parts;
  if (path.empty() || path.front() != '/') return parts;
  path.remove_prefix(1);
  while (true) {
    auto slash = path.find('/');
    parts.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return parts;
}

}  // namespace

bool param_matches(std::string_view name, std::string_view v) {
  if (name == "id") return all_of_chars(v, 1, 10, is_digit);
  if (name == "kiosk" || name == "counter" || name == "device") return all_of_chars(v, 1, 64, device_char);
  if (name == "tracking") return all_of_chars(v, 1, 40, tracking_char);
  if (name == "token") return all_of_chars(v, 1, 64, token_char);
  if (name == "action") return all_of_chars(v, 1, 40, action_char);
  if (name == "rating") return all_of_chars(v, 36, 36, uuid_char);
  if (name == "file") return all_of_chars(v, 1, 200, file_char);
  throw std::logic_error("route pattern uses an unknown parameter {" + std::string(name) + "}");
}

RouteMatcher::RouteMatcher(const std::vector<Route>& routes) {
  for (const auto& r : routes) {
    Compiled c{&r, {}};
    for (auto part : split_path(r.pattern)) {
      auto open = part.find('{');
      if (open == std::string_view::npos) {
        c.segments.push_back({std::string(part), ""});
        continue;
      }
      auto close = part.find('}');
      if (open != 0 || close == std::string_view::npos)
        throw std::logic_error("route pattern " + r.pattern + ": a parameter must start its segment");
      Segment s{std::string(part.substr(close + 1)), std::string(part.substr(1, close - 1))};
      param_matches(s.param, "1");  // refuses unknown names when the table is built
      c.segments.push_back(std::move(s));
    }
    if (c.segments.empty()) throw std::logic_error("route pattern " + r.pattern + " must start with /");
    compiled_.push_back(std::move(c));
  }
}

bool RouteMatcher::match(const Compiled& c, const std::vector<std::string_view>& parts,
                         std::vector<std::string>& params) {
  params.clear();
  for (std::size_t i = 0; i < c.segments.size(); ++i) {
    const auto& seg = c.segments[i];
    if (i >= parts.size()) return false;
    if (seg.param.empty()) {
      if (parts[i] != seg.literal) return false;
      continue;
    }
    if (seg.param == "file") {  // the rest of the path
      if (i + 1 != c.segments.size()) return false;
      std::string rest;
      for (std::size_t j = i; j < parts.size(); ++j) rest.append(j == i ? "" : "/").append(parts[j]);
      if (!param_matches("file", rest)) return false;
      params.push_back(std::move(rest));
      return true;
    }
    std::string_view part = parts[i];
    if (part.size() < seg.literal.size() || part.substr(part.size() - seg.literal.size()) != seg.literal) return false;
    part.remove_suffix(seg.literal.size());
    if (!param_matches(seg.param, part)) return false;
    params.emplace_back(part);
  }
  return parts.size() == c.segments.size();
}

RouteMatcher::Match RouteMatcher::find(std::string_view method, std::string_view path) const {
  if (method == "HEAD") method = "GET";
  auto parts = split_path(path);
  Match best;
  const Compiled* best_c = nullptr;
  // Literal segments beat parameters, compared from the left.
  auto more_specific = [](const Compiled& a, const Compiled& b) {
    for (std::size_t i = 0; i < std::min(a.segments.size(), b.segments.size()); ++i) {
      bool la = a.segments[i].param.empty(), lb = b.segments[i].param.empty();
      if (la != lb) return la;
    }
    return false;
  };
  std::vector<std::string> params;
  std::string allow;
  for (const auto& c : compiled_) {
    if (!match(c, parts, params)) continue;
    if (method_name(c.route->method) != method) {
      auto name = std::string(method_name(c.route->method));
      if (allow.find(name) == std::string::npos) allow += (allow.empty() ? "" : ", ") + name;
      continue;
    }
    if (best_c && !more_specific(c, *best_c)) continue;
    best_c = &c;
    best.route = c.route;
    best.params = params;
  }
  if (!best_c) {
    best.allow = allow;
    best.log_path = std::string(path);
    return best;
  }
  // The log shows secret parameters by name only.
  best.log_path.clear();
  for (std::size_t i = 0; i < best_c->segments.size(); ++i) {
    const auto& seg = best_c->segments[i];
    best.log_path += '/';
    if (seg.param == "token") best.log_path += "{token}" + seg.literal;
    else if (seg.param == "file") best.log_path += best.params.back();
    else best.log_path += parts[i];
  }
  return best;
}

}  // namespace yeyou::http
