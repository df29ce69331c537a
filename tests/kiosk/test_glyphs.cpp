// The glyph atlas holds every character of the UI strings in all languages
// and of the content, including rare place-name characters, and nothing else
// (no whole CJK ranges).
#include <doctest/doctest.h>

#include "kiosk/data/kiosk_config.hpp"
#include "kiosk/ui/fonts.hpp"
#include "kiosk/ui/strings.hpp"

using namespace yeyou;
using namespace yeyou::kiosk;

namespace {

struct ImGuiContextGuard {
  ImGuiContextGuard() { ImGui::CreateContext(); }
  ~ImGuiContextGuard() { ImGui::DestroyContext(); }
};

const std::string kRare = "炮台堡垒 抱犊崮 老埠头";  // 垒 崮 埠

}  // namespace

TEST_CASE("small and body hold every character of the UI strings and content, large and title what they drew") {
  ImGuiContextGuard imgui;
  Strings strings = Strings::load(std::string(YEYOU_SOURCE_DIR) + "/assets/lang");
  Fonts fonts(KioskConfig{}.font_path, {});
  std::string error;
  REQUIRE_MESSAGE(fonts.load(error), error);
  fonts.add_text(strings.all_text());
  fonts.add_text(kRare);
  ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
  REQUIRE(fonts.build(atlas, 1.0f));
  CHECK_FALSE(fonts.dirty());

  const std::string text = strings.all_text() + kRare;
  for (ImFont* font : {fonts.small(), fonts.body()}) {
    REQUIRE(font != nullptr);
    auto missing = Fonts::missing_glyphs(*font, text);
    std::string shown;
    for (char32_t c : missing) shown += std::to_string(static_cast<unsigned>(c)) + " ";
    CHECK_MESSAGE(missing.empty(), "missing code points: " << shown);
    for (char32_t c : {U'垒', U'崮', U'埠', U'한', U'夜'})
      CHECK(font->FindGlyphNoFallback(static_cast<ImWchar>(c)) != nullptr);
  }

  // Large and title start with digits, Latin letters and punctuation only ...
  CHECK(fonts.title()->FindGlyphNoFallback(static_cast<ImWchar>(U'7')) != nullptr);
  CHECK(fonts.title()->FindGlyphNoFallback(static_cast<ImWchar>(U'崮')) == nullptr);
  // ... and learn what is drawn with them.
  glyph_misses().clear();
  note_shown_text(fonts.title(), "抱犊崮 21:30");
  note_shown_text(fonts.large(), "한국어");
  note_shown_text(fonts.body(), "崮");  // body has it: no miss
  CHECK(glyph_misses().size() == 6);    // 抱 犊 崮 for title, 한 국 어 for large
  CHECK(fonts.learn(glyph_misses()));
  CHECK(glyph_misses().empty());
  CHECK(fonts.dirty());
  REQUIRE(fonts.build(atlas, 1.0f));
  CHECK(fonts.title()->FindGlyphNoFallback(static_cast<ImWchar>(U'崮')) != nullptr);
  CHECK(fonts.large()->FindGlyphNoFallback(static_cast<ImWchar>(U'한')) != nullptr);
  CHECK(fonts.large()->FindGlyphNoFallback(static_cast<ImWchar>(U'崮')) == nullptr);
  note_shown_text(fonts.title(), "抱犊崮");
  CHECK(glyph_misses().empty());
  CHECK_FALSE(fonts.learn(glyph_misses()));

  // Forgetting drops the learned characters of large and title only.
  fonts.forget_learned();
  REQUIRE(fonts.build(atlas, 1.0f));
  CHECK(fonts.title()->FindGlyphNoFallback(static_cast<ImWchar>(U'崮')) == nullptr);
  CHECK(fonts.body()->FindGlyphNoFallback(static_cast<ImWchar>(U'崮')) != nullptr);

  // Only what was asked for: a character in no string is absent, and the
  // atlas is far smaller than a whole-CJK-range one (4096x16384).
  CHECK(fonts.body()->FindGlyphNoFallback(static_cast<ImWchar>(U'龘')) == nullptr);
  CHECK(atlas.TexWidth * atlas.TexHeight <= 4096 * 4096);
  MESSAGE("atlas " << atlas.TexWidth << "x" << atlas.TexHeight << " for " << fonts.wanted_count() << " characters");
}

TEST_CASE("new content marks the atlas for a rebuild only when it brings new characters") {
  ImGuiContextGuard imgui;
  Fonts fonts(KioskConfig{}.font_path, {});
  std::string error;
  REQUIRE(fonts.load(error));
  fonts.add_text("夜游 Yeyou");
  REQUIRE(fonts.build(*ImGui::GetIO().Fonts, 1.0f));
  CHECK_FALSE(fonts.add_text("游夜 you"));  // nothing new
  CHECK_FALSE(fonts.dirty());
  CHECK(fonts.add_text("抱犊崮"));
  CHECK(fonts.dirty());
  REQUIRE(fonts.build(*ImGui::GetIO().Fonts, 1.0f));
  CHECK(fonts.body()->FindGlyphNoFallback(static_cast<ImWchar>(U'崮')) != nullptr);
}

TEST_CASE("UTF-8 decoding") {
  CHECK(decode_utf8("a夜한") == std::vector<char32_t>{U'a', U'夜', U'한'});
  CHECK(decode_utf8("\xE5\xA4") == std::vector<char32_t>{0xFFFD, 0xFFFD});  // truncated
  CHECK(decode_utf8("\xF0\x9F\x8C\x99") == std::vector<char32_t>{0x1F319});
}

TEST_CASE("a missing font file is reported") {
  Fonts fonts("/nonexistent/font.ttc", {});
  std::string error;
  CHECK_FALSE(fonts.load(error));
  CHECK(error.find("/nonexistent/font.ttc") != std::string::npos);
}
