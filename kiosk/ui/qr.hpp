#pragma once
// QR codes drawn with ImGui rectangles (libqrencode makes the matrix).
#include <optional>
#include <string>
#include <vector>

#include <imgui.h>

namespace yeyou::kiosk {

struct QrMatrix {
  int size = 0;                   // modules per side
  std::vector<unsigned char> dark;  // size*size, row-major, 1 = dark
  bool at(int x, int y) const { return dark[static_cast<std::size_t>(y * size + x)] != 0; }
};

// Byte-mode QR code with error correction level M; nullopt if the text is too long.
std::optional<QrMatrix> make_qr(const std::string& text);

// Draws the code (black on white with a 4-module quiet zone) at `pos` as a
// `side` x `side` square; caches the last few matrices by text.
void draw_qr(ImDrawList* dl, ImVec2 pos, float side, const std::string& text);

}  // namespace yeyou::kiosk
