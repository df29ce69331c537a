#include "kiosk/ui/hangul.hpp"

#include <string_view>

namespace yeyou::kiosk {
namespace {

constexpr std::u32string_view kInitials = U"ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ";
// Index 0 is "no final".
constexpr std::u32string_view kFinals = U" ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ";

int initial_index(char32_t c) {
  auto p = kInitials.find(c);
  return p == std::u32string_view::npos ? -1 : static_cast<int>(p);
}
int final_index(char32_t c) {
  if (c == U' ') return -1;
  auto p = kFinals.find(c);
  return p == std::u32string_view::npos ? -1 : static_cast<int>(p);
}
int vowel_index(char32_t c) { return is_jamo_vowel(c) ? static_cast<int>(c - 0x314F) : -1; }

char32_t double_vowel(char32_t a, char32_t b) {
  struct P { char32_t a, b, r; };
  static constexpr P table[] = {{U'ㅗ', U'ㅏ', U'ㅘ'}, {U'ㅗ', U'ㅐ', U'ㅙ'}, {U'ㅗ', U'ㅣ', U'ㅚ'}, {U'ㅜ', U'ㅓ', U'ㅝ'},
                                {U'ㅜ', U'ㅔ', U'ㅞ'}, {U'ㅜ', U'ㅣ', U'ㅟ'}, {U'ㅡ', U'ㅣ', U'ㅢ'}};
  for (const auto& p : table)
    if (p.a == a && p.b == b) return p.r;
  return 0;
}

char32_t double_final(char32_t a, char32_t b) {
  struct P { char32_t a, b, r; };
  static constexpr P table[] = {{U'ㄱ', U'ㅅ', U'ㄳ'}, {U'ㄴ', U'ㅈ', U'ㄵ'}, {U'ㄴ', U'ㅎ', U'ㄶ'}, {U'ㄹ', U'ㄱ', U'ㄺ'},
                                {U'ㄹ', U'ㅁ', U'ㄻ'}, {U'ㄹ', U'ㅂ', U'ㄼ'}, {U'ㄹ', U'ㅅ', U'ㄽ'}, {U'ㄹ', U'ㅌ', U'ㄾ'},
                                {U'ㄹ', U'ㅍ', U'ㄿ'}, {U'ㄹ', U'ㅎ', U'ㅀ'}, {U'ㅂ', U'ㅅ', U'ㅄ'}};
  for (const auto& p : table)
    if (p.a == a && p.b == b) return p.r;
  return 0;
}

struct Syllable {
  char32_t l = 0, v = 0, t1 = 0, t2 = 0;  // t2: second part of a double final
  char32_t v1 = 0;                          // first part of v when v is a double vowel
  bool empty() const { return l == 0 && v == 0; }
  char32_t final_char() const { return t2 ? double_final(t1, t2) : t1; }
};

void emit(const Syllable& s, std::u32string& out) {
  if (s.empty()) return;
  if (s.l && s.v) {
    int t = s.t1 ? final_index(s.final_char()) : 0;
    out += static_cast<char32_t>(0xAC00 + (initial_index(s.l) * 21 + vowel_index(s.v)) * 28 + (t < 0 ? 0 : t));
  } else {
    if (s.l) out += s.l;
    if (s.v) out += s.v;
  }
}

}  // namespace

bool is_jamo(char32_t c) { return c >= 0x3131 && c <= 0x3163; }
bool is_jamo_vowel(char32_t c) { return c >= 0x314F && c <= 0x3163; }

std::u32string compose_hangul(const std::u32string& jamo) {
  std::u32string out;
  Syllable s;
  for (char32_t c : jamo) {
    if (!is_jamo(c)) {
      emit(s, out);
      s = {};
      out += c;
      continue;
    }
    if (!is_jamo_vowel(c)) {
      if (s.l && s.v && !s.t1 && final_index(c) > 0) {
        s.t1 = c;
      } else if (s.l && s.v && s.t1 && !s.t2 && double_final(s.t1, c)) {
        s.t2 = c;
      } else {
        emit(s, out);
        s = {};
        s.l = c;
      }
      continue;
    }
    // A vowel.
    if (s.l && !s.v) {
      s.v = c;
    } else if (s.v && !s.t1 && !s.v1 && double_vowel(s.v, c)) {
      s.v1 = s.v;
      s.v = double_vowel(s.v, c);
    } else if (s.l && s.v && s.t1) {
      // The final consonant (or the second half of a double final) starts the next syllable.
      char32_t moved = s.t2 ? s.t2 : s.t1;
      if (s.t2) s.t2 = 0; else s.t1 = 0;
      emit(s, out);
      s = {};
      s.l = moved;
      s.v = c;
    } else {
      emit(s, out);
      s = {};
      s.v = c;
    }
  }
  emit(s, out);
  return out;
}

std::string to_utf8(char32_t c) {
  std::string out;
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
  return out;
}

std::string to_utf8(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) out += to_utf8(c);
  return out;
}

}  // namespace yeyou::kiosk
