#pragma once
// Korean input for the on-screen keyboard: a sequence of compatibility jamo
// (U+3131..U+3163, as typed on a 2-beolsik layout) composed into Hangul
// syllables, e.g. ㅎㅏㄴㄱㅡㄹ → 한글. Pure functions, no ImGui.
#include <string>

namespace yeyou::kiosk {

bool is_jamo(char32_t c);
bool is_jamo_vowel(char32_t c);
// Composes the whole jamo sequence (greedy, like a phone keyboard: a final
// consonant moves to the next syllable when a vowel follows; double vowels
// and double finals combine).
std::u32string compose_hangul(const std::u32string& jamo);

// UTF-8 encoding of code points (also used by the screenshot glyph report).
std::string to_utf8(const std::u32string& s);
std::string to_utf8(char32_t c);

}  // namespace yeyou::kiosk
