// doctest's main for kiosk_ui_tests, which stays independent of the server
// libraries that tests/support links.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
