#pragma once
// Fonts: WenQuanYi Micro Hei in a few sizes, with a glyph atlas holding only
// the characters the kiosk actually shows. The small and body sizes hold the
// UI strings in all languages plus the content of the current snapshot. The
// large and title sizes (headings, the clock, buttons with big labels) hold
// only what has been drawn with them: every text drawn through our widgets is
// checked against its font (`note_shown_text`), and a frame that met a missing
// glyph is thrown away, the atlas rebuilt and the frame built again, so a '?'
// box never reaches the screen. Adding text that brings new characters marks
// the atlas for a rebuild, which the UI thread performs between frames.
// Never loads a whole CJK range (that atlas is 268 MB).
#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

namespace yeyou::kiosk {

// Decodes UTF-8 to code points; invalid bytes become U+FFFD.
std::vector<char32_t> decode_utf8(std::string_view s);
// The code point at byte `i` of `s` (i < s.size()), moving `i` past it.
char32_t next_code_point(std::string_view s, std::size_t& i);

// A character drawn with a font that has no glyph for it (this frame).
struct GlyphMiss {
  const ImFont* font;
  char32_t c;
};
// Records the characters of `utf8` that `font` lacks into glyph_misses().
void note_shown_text(const ImFont* font, std::string_view utf8);
std::vector<GlyphMiss>& glyph_misses();

class Fonts {
 public:
  // Sizes in px at 1080 lines; multiplied by the UI scale when built.
  struct Sizes {
    float small = 24, body = 30, large = 38, title = 48;
  };

  Fonts(std::string path, Sizes sizes);

  // Reads the font file; false (with `error`) if it cannot be read.
  bool load(std::string& error);
  // Adds characters to the small and body sizes (with `every_size`, to large
  // and title too: names and titles drawn big); true if any were new.
  bool add_text(std::string_view utf8, bool every_size = false);
  // Adds the missed characters to the sets of the fonts that missed them and
  // clears `misses`; true if any were new (the atlas is then dirty).
  bool learn(std::vector<GlyphMiss>& misses);
  // Forgets what the large and title sizes learned (they relearn as they draw).
  void forget_learned();
  bool dirty() const { return dirty_; }
  // Clears `atlas` and builds every size with the wanted characters.
  // Font pointers stay valid until the next build. False if building failed.
  // `scale` applies to small and body, `heading_scale` (default: the same)
  // to large and title.
  bool build(ImFontAtlas& atlas, float scale, float heading_scale = 0);

  ImFont* small() const { return small_; }
  ImFont* body() const { return body_; }
  ImFont* large() const { return large_; }
  ImFont* title() const { return title_; }
  // Characters wanted in the small and body sizes / in all sizes together.
  std::size_t wanted_count() const { return counts_[kBody]; }
  std::size_t glyph_count() const;
  // Characters large and title have learned beyond the always-wanted ones.
  std::size_t learned_count() const;

  // Code points of `utf8` (ignoring whitespace and controls) that `font` has no glyph for.
  static std::vector<char32_t> missing_glyphs(const ImFont& font, std::string_view utf8);

 private:
  std::string path_;
  Sizes sizes_;
  std::vector<unsigned char> data_;
  enum Role { kSmall, kBody, kLarge, kTitle, kRoles };
  bool add_to(Role role, char32_t c);

  ImFontGlyphRangesBuilder wanted_[kRoles];
  std::size_t counts_[kRoles] = {};
  ImVector<ImWchar> ranges_[kRoles];
  bool dirty_ = true;
  ImFont* small_ = nullptr;
  ImFont* body_ = nullptr;
  ImFont* large_ = nullptr;
  ImFont* title_ = nullptr;
};

}  // namespace yeyou::kiosk
