#include "support/temp_dir.hpp"

#include <cstdlib>
#include <stdexcept>

namespace yeyou::test {

TempDir::TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "yeyou-test-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace yeyou::test
