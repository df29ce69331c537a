#include "kiosk/ui/fonts.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>

namespace yeyou::kiosk {
namespace {

// Characters the code itself composes into text (numbers, times, prices),
// plus what ImGui itself may draw (ellipsis, fallback).
constexpr std::string_view kAlwaysWanted =
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"
    "\u2013\u2014\u2026\u00a5\u00b7\u2022\uFFFD";

bool is_shown(char32_t c) { return c >= 0x20 && c != 0x7F && !(c >= 0x80 && c < 0xA0); }

std::vector<GlyphMiss> g_misses;

}  // namespace

void note_shown_text(const ImFont* font, std::string_view utf8) {
  if (!font) return;
  for (std::size_t i = 0; i < utf8.size();) {  // every text of every frame: no allocation
    const char32_t c = next_code_point(utf8, i);
    if (!is_shown(c) || c == 0x20 || c > 0xFFFF) continue;
    if (font->FindGlyphNoFallback(static_cast<ImWchar>(c))) continue;
    bool seen = false;
    for (const GlyphMiss& m : g_misses) seen = seen || (m.font == font && m.c == c);
    if (!seen) g_misses.push_back({font, c});
  }
}

std::vector<GlyphMiss>& glyph_misses() { return g_misses; }

char32_t next_code_point(std::string_view s, std::size_t& i) {
  auto b = static_cast<unsigned char>(s[i]);
  int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
  char32_t c = len == 1 ? b : len == 2 ? (b & 0x1Fu) : len == 3 ? (b & 0x0Fu) : (b & 0x07u);
  bool ok = len > 0 && i + static_cast<std::size_t>(len) <= s.size();
  for (int k = 1; ok && k < len; ++k) {
    auto cb = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
    if ((cb >> 6) != 2) ok = false;
    else c = (c << 6) | (cb & 0x3Fu);
  }
  if (!ok) {
    ++i;
    return 0xFFFD;
  }
  i += static_cast<std::size_t>(len);
  return c;
}

std::vector<char32_t> decode_utf8(std::string_view s) {
  std::vector<char32_t> out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) out.push_back(next_code_point(s, i));
  return out;
}

Fonts::Fonts(std::string path, Sizes sizes) : path_(std::move(path)), sizes_(sizes) {
  for (auto& w : wanted_) w.Clear();
  for (char32_t c : decode_utf8(kAlwaysWanted))
    for (Role role : {kSmall, kBody, kLarge, kTitle}) add_to(role, c);
}

bool Fonts::load(std::string& error) {
  std::ifstream in(path_, std::ios::binary);
  if (!in) {
    error = path_ + ": cannot open font file";
    return false;
  }
  data_.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (data_.size() < 12) {
    error = path_ + ": not a font file";
    return false;
  }
  dirty_ = true;
  return true;
}

bool Fonts::add_to(Role role, char32_t c) {
  if (c > 0xFFFF || !is_shown(c)) return false;  // ImWchar is 16-bit in Debian's build
  const auto bit = static_cast<std::size_t>(c);
  if (wanted_[role].GetBit(bit)) return false;
  wanted_[role].SetBit(bit);
  ++counts_[role];
  dirty_ = true;
  return true;
}

bool Fonts::add_text(std::string_view utf8, bool every_size) {
  bool grew = false;
  for (char32_t c : decode_utf8(utf8)) {
    // Small and body hold everything; large and title what is known to be
    // drawn big, and learn the rest (see the header).
    const bool small = add_to(kSmall, c);
    grew = add_to(kBody, c) || small || grew;
    if (every_size) {
      const bool large = add_to(kLarge, c);
      grew = add_to(kTitle, c) || large || grew;
    }
  }
  return grew;
}

bool Fonts::learn(std::vector<GlyphMiss>& misses) {
  bool grew = false;
  for (const GlyphMiss& m : misses) {
    const Role role = m.font == small_ ? kSmall : m.font == body_ ? kBody : m.font == large_ ? kLarge : kTitle;
    grew = add_to(role, m.c) || grew;
  }
  misses.clear();
  return grew;
}

void Fonts::forget_learned() {
  for (Role role : {kLarge, kTitle}) {
    wanted_[role].Clear();
    counts_[role] = 0;
    for (char32_t c : decode_utf8(kAlwaysWanted)) add_to(role, c);
  }
}

std::size_t Fonts::learned_count() const {
  static const std::size_t base = decode_utf8(kAlwaysWanted).size();
  return counts_[kLarge] + counts_[kTitle] - std::min(counts_[kLarge] + counts_[kTitle], 2 * base);
}

std::size_t Fonts::glyph_count() const { return counts_[kSmall] + counts_[kBody] + counts_[kLarge] + counts_[kTitle]; }

bool Fonts::build(ImFontAtlas& atlas, float scale, float heading_scale) {
  if (heading_scale <= 0) heading_scale = scale;
  atlas.Clear();
  small_ = body_ = large_ = title_ = nullptr;
  for (int role = 0; role < kRoles; ++role) {
    ranges_[role].clear();
    wanted_[role].BuildRanges(&ranges_[role]);
  }
  atlas.Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
  auto add = [&](float px, Role role) -> ImFont* {
    px *= role == kLarge || role == kTitle ? heading_scale : scale;
    ImFontConfig cfg;
    cfg.FontDataOwnedByAtlas = false;  // data_ outlives the atlas build
    cfg.OversampleH = 1;               // CJK at these sizes needs no oversampling
    cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    return atlas.AddFontFromMemoryTTF(data_.data(), static_cast<int>(data_.size()), px, &cfg,
                                      ranges_[role].Data);
  };
  body_ = add(sizes_.body, kBody);  // first font = ImGui's default
  small_ = add(sizes_.small, kSmall);
  large_ = add(sizes_.large, kLarge);
  title_ = add(sizes_.title, kTitle);
  if (!body_ || !small_ || !large_ || !title_ || !atlas.Build()) return false;
  dirty_ = false;
  return true;
}

std::vector<char32_t> Fonts::missing_glyphs(const ImFont& font, std::string_view utf8) {
  std::vector<char32_t> out;
  for (char32_t c : decode_utf8(utf8)) {
    if (!is_shown(c) || c == 0x20 || c == 0x3000) continue;
    if (c > 0xFFFF || !font.FindGlyphNoFallback(static_cast<ImWchar>(c))) {
      bool seen = false;
      for (char32_t m : out) seen = seen || m == c;
      if (!seen) out.push_back(c);
    }
  }
  return out;
}

}  // namespace yeyou::kiosk
