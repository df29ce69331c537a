#pragma once
// Fonts: WenQuanYi Micro Hei in a few sizes, with a glyph atlas holding only
// the characters the kiosk actually shows (UI strings in all languages plus
// the content of the current snapshot). Adding text that brings new
// characters marks the atlas for a rebuild, which the UI thread performs
// between frames. Never loads a whole CJK range (that atlas is 268 MB).
#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

namespace yeyou::kiosk {

// Decodes UTF-8 to code points; invalid bytes become U+FFFD.
std::vector<char32_t> decode_utf8(std::string_view s);

class Fonts {
 public:
  // Sizes in px at 1080 lines; multiplied by the UI scale when built.
  struct Sizes {
    float small = 24, body = 30, large = 38, title = 48;
  };

  Fonts(std::string path, Sizes sizes);

  // Reads the font file; false (with `error`) if it cannot be read.
  bool load(std::string& error);
  // Adds characters to the wanted set; true if any were new.
  bool add_text(std::string_view utf8);
  bool dirty() const { return dirty_; }
  // Clears `atlas` and builds every size with the wanted characters.
  // Font pointers stay valid until the next build. False if building failed.
  bool build(ImFontAtlas& atlas, float scale);

  ImFont* small() const { return small_; }
  ImFont* body() const { return body_; }
  ImFont* large() const { return large_; }
  ImFont* title() const { return title_; }
  std::size_t wanted_count() const { return wanted_count_; }

  // Code points of `utf8` (ignoring whitespace and controls) that `font` has no glyph for.
  static std::vector<char32_t> missing_glyphs(const ImFont& font, std::string_view utf8);

 private:
  std::string path_;
  Sizes sizes_;
  std::vector<unsigned char> data_;
  ImFontGlyphRangesBuilder wanted_;
  std::size_t wanted_count_ = 0;
  ImVector<ImWchar> ranges_;
  bool dirty_ = true;
  ImFont* small_ = nullptr;
  ImFont* body_ = nullptr;
  ImFont* large_ = nullptr;
  ImFont* title_ = nullptr;
};

}  // namespace yeyou::kiosk
