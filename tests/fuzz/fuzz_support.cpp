#include "tests/fuzz/fuzz_support.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace yeyou::fuzz {

std::optional<Json> parse_json(std::string_view text) {
  Json j = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return std::nullopt;
  return j;
}

void must_decode_again(const char* what, const std::function<void()>& decode) {
  try {
    decode();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fuzz: %s does not decode again: %s\n", what, e.what());
    if (const auto* v = dynamic_cast<const ValidationError*>(&e))
      for (const auto& [field, problem] : v->fields())
        std::fprintf(stderr, "  %s: %s\n", field.c_str(), problem.c_str());
    std::abort();
  }
}

namespace {

std::filesystem::path scratch_dir() {
  return std::filesystem::temp_directory_path() / ("yeyou-fuzz-" + std::to_string(::getpid()));
}

}  // namespace

std::string scratch_file(const std::string& name, std::string_view bytes) {
  static const std::filesystem::path dir = [] {
    std::filesystem::create_directories(scratch_dir());
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(scratch_dir(), ec);
    });
    return scratch_dir();
  }();
  std::filesystem::path p = dir / name;
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out.flush()) throw std::runtime_error("cannot write " + p.string());
  return p.string();
}

}  // namespace yeyou::fuzz
