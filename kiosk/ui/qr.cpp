#include "kiosk/ui/qr.hpp"

#include <cmath>
#include <deque>
#include <utility>

#include <qrencode.h>

namespace yeyou::kiosk {

std::optional<QrMatrix> make_qr(const std::string& text) {
  QRcode* code = QRcode_encodeData(static_cast<int>(text.size()), reinterpret_cast<const unsigned char*>(text.data()),
                                   0, QR_ECLEVEL_M);
  if (!code) return std::nullopt;
  QrMatrix m;
  m.size = code->width;
  m.dark.resize(static_cast<std::size_t>(code->width * code->width));
  for (std::size_t i = 0; i < m.dark.size(); ++i) m.dark[i] = (code->data[i] & 1) ? 1 : 0;
  QRcode_free(code);
  return m;
}

void draw_qr(ImDrawList* dl, ImVec2 pos, float side, const std::string& text) {
  static std::deque<std::pair<std::string, std::optional<QrMatrix>>> cache;
  const std::optional<QrMatrix>* found = nullptr;
  for (const auto& [t, m] : cache)
    if (t == text) found = &m;
  if (!found) {
    if (cache.size() >= 8) cache.pop_front();
    cache.emplace_back(text, make_qr(text));
    found = &cache.back().second;
  }
  dl->AddRectFilled(pos, ImVec2(pos.x + side, pos.y + side), IM_COL32(255, 255, 255, 255));
  if (!*found) return;
  const QrMatrix& m = **found;
  const float module = std::floor(side / static_cast<float>(m.size + 8));
  const float offset = std::floor((side - module * static_cast<float>(m.size)) * 0.5f);
  for (int y = 0; y < m.size; ++y) {
    int x = 0;
    while (x < m.size) {
      if (!m.at(x, y)) {
        ++x;
        continue;
      }
      int run = x;
      while (run < m.size && m.at(run, y)) ++run;
      ImVec2 a(pos.x + offset + module * static_cast<float>(x), pos.y + offset + module * static_cast<float>(y));
      dl->AddRectFilled(a, ImVec2(a.x + module * static_cast<float>(run - x), a.y + module), IM_COL32(0, 0, 0, 255));
      x = run;
    }
  }
}

}  // namespace yeyou::kiosk
