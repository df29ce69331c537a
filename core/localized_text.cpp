#include "core/localized_text.hpp"

namespace yeyou {

std::string_view lang_code(Lang l) {
  switch (l) {
    case Lang::en: return "en";
    case Lang::ko: return "ko";
    case Lang::zh: break;
  }
  return "zh";
}

bool parse_lang(std::string_view code, Lang& out) {
  if (code == "zh") out = Lang::zh;
  else if (code == "en") out = Lang::en;
  else if (code == "ko") out = Lang::ko;
  else return false;
  return true;
}

const std::string& LocalizedText::in(Lang l) const {
  const std::string& s = l == Lang::en ? en : l == Lang::ko ? ko : zh;
  return s.empty() ? zh : s;
}

Json to_json(const LocalizedText& t) { return Json{{"zh", t.zh}, {"en", t.en}, {"ko", t.ko}}; }

LocalizedText read_localized(FieldReader& parent, const std::string& key, std::size_t max_bytes, bool required,
                             bool allow_fallback) {
  LocalizedText out;
  const Json* obj = parent.value(key, Json::value_t::object, required);
  if (!obj) return out;
  FieldReader r = parent.nested(*obj, key);
  out.zh = r.text("zh", max_bytes, true, 1).value_or("");
  out.en = r.text("en", max_bytes, !allow_fallback, allow_fallback ? 0 : 1).value_or("");
  out.ko = r.text("ko", max_bytes, !allow_fallback, allow_fallback ? 0 : 1).value_or("");
  r.reject_unknown();
  return out;
}

}  // namespace yeyou
