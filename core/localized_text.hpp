#pragma once
// Text in the three kiosk languages. Chinese is the reference language and
// the fallback for a missing translation.
#include <string>
#include <string_view>

#include "core/json_reader.hpp"

namespace yeyou {

enum class Lang { zh, en, ko };

std::string_view lang_code(Lang l);
bool parse_lang(std::string_view code, Lang& out);

struct LocalizedText {
  std::string zh, en, ko;
  // The text in `l`, falling back to zh when that translation is empty.
  const std::string& in(Lang l) const;
  bool operator==(const LocalizedText&) const = default;
};

Json to_json(const LocalizedText& t);
// Reads {"zh","en","ko"}; every language is required unless `allow_fallback`
// (then only zh is required and the others fall back to it).
LocalizedText read_localized(FieldReader& parent, const std::string& key, std::size_t max_bytes,
                             bool required = true, bool allow_fallback = false);

}  // namespace yeyou
