// The night theme meets WCAG AA: every text/background pair the screens
// draw has a contrast ratio of at least 4.5:1.
#include <doctest/doctest.h>

#include "kiosk/ui/theme.hpp"

using namespace yeyou;
using namespace yeyou::kiosk;

TEST_CASE("contrast ratio reference values") {
  CHECK(contrast_ratio({0, 0, 0}, {255, 255, 255}) == doctest::Approx(21.0));
  CHECK(contrast_ratio({119, 119, 119}, {255, 255, 255}) == doctest::Approx(4.48).epsilon(0.01));
  CHECK(contrast_ratio({10, 20, 30}, {10, 20, 30}) == doctest::Approx(1.0));
}

TEST_CASE("every colour pair used for text meets WCAG AA (4.5:1)") {
  auto pairs = contrast_pairs();
  CHECK(pairs.size() >= 15);
  for (const auto& p : pairs) {
    double ratio = contrast_ratio(p.foreground, p.background);
    CHECK_MESSAGE(ratio >= 4.5, p.name << ": " << ratio);
  }
}

TEST_CASE("crowd levels and statuses have distinct badge colours") {
  CHECK_FALSE(crowd_colors(CrowdLevel::comfortable).background == crowd_colors(CrowdLevel::busy).background);
  CHECK_FALSE(crowd_colors(CrowdLevel::busy).background == crowd_colors(CrowdLevel::crowded).background);
  CHECK_FALSE(crowd_colors(CrowdLevel::crowded).background == crowd_colors(CrowdLevel::full).background);
  CHECK_FALSE(status_colors(EventStatus::cancelled).background == status_colors(EventStatus::postponed).background);
}
