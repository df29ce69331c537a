#include "core/gtfs_csv.hpp"

#include <algorithm>

#include "core/json_reader.hpp"

namespace yeyou::gtfs {

GtfsError::GtfsError(const std::string& file, int line, const std::string& problem)
    : std::runtime_error(line > 0 ? file + ":" + std::to_string(line) + ": " + problem : file + ": " + problem),
      file_(file),
      line_(line),
      problem_(problem) {}

void check_text(const std::string& file, const std::string& text) {
  if (is_clean_utf8(text)) return;
  // Slow path, only for a bad file: find the line.
  std::size_t start = 0;
  int line = 1;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string one = text.substr(start, end - start);
    if (one.find('\0') != std::string::npos) throw GtfsError(file, line, "contains a NUL byte");
    if (!is_clean_utf8(one)) throw GtfsError(file, line, "contains invalid UTF-8 or a control character");
    start = end + 1;
    ++line;
  }
  throw GtfsError(file, 0, "contains invalid UTF-8");
}

namespace {

std::string trim(std::string s) {
  auto not_space = [](char c) { return c != ' ' && c != '\t'; };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

}  // namespace

CsvTable::CsvTable(std::string file, const std::string& text) : file_(std::move(file)), text_(text) {
  check_text(file_, text);
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
  if (!next()) throw GtfsError(file_, 1, "the file is empty (no header row)");
  for (std::size_t i = 0; i < count_; ++i) {
    std::string name = trim(fields_[i]);
    if (name.empty()) fail("column " + std::to_string(i + 1) + " of the header has no name");
    if (std::find(header_.begin(), header_.end(), name) != header_.end())
      fail("column '" + name + "' appears twice in the header");
    header_.push_back(std::move(name));
  }
  short_records_ = 0;
  first_short_line_ = 0;
}

int CsvTable::column(std::string_view name) const {
  auto it = std::find(header_.begin(), header_.end(), name);
  return it == header_.end() ? -1 : static_cast<int>(it - header_.begin());
}

int CsvTable::require_column(std::string_view name) const {
  int c = column(name);
  if (c < 0) throw GtfsError(file_, 1, "required column '" + std::string(name) + "' is missing");
  return c;
}

void CsvTable::fail(const std::string& problem) const { throw GtfsError(file_, record_line_, problem); }

bool CsvTable::next() {
  for (;;) {
    if (pos_ >= text_.size()) return false;
    record_line_ = line_;
    read_record();
    bool blank = count_ == 1 && fields_[0].empty();
    if (!blank) break;
  }
  if (!header_.empty()) {
    if (count_ > header_.size())
      fail("the row has " + std::to_string(count_) + " fields but the header has " + std::to_string(header_.size()));
    if (count_ < header_.size() && short_records_++ == 0) first_short_line_ = record_line_;
  }
  return true;
}

void CsvTable::read_record() {
  count_ = 0;
  const std::size_t n = text_.size();
  for (;;) {
    if (fields_.size() <= count_) fields_.emplace_back();
    std::string& f = fields_[count_++];
    f.clear();
    if (pos_ < n && text_[pos_] == '"') {
      ++pos_;
      for (;;) {
        std::size_t q = text_.find('"', pos_);
        if (q == std::string_view::npos) fail("a quoted field is never closed");
        std::string_view part = text_.substr(pos_, q - pos_);
        line_ += static_cast<int>(std::count(part.begin(), part.end(), '\n'));
        f.append(part);
        if (q + 1 < n && text_[q + 1] == '"') {
          f.push_back('"');
          pos_ = q + 2;
          continue;
        }
        pos_ = q + 1;
        break;
      }
      if (pos_ < n && text_[pos_] != ',' && text_[pos_] != '\r' && text_[pos_] != '\n')
        fail("unexpected text after a closing quote");
    } else {
      std::size_t start = pos_;
      while (pos_ < n) {
        char c = text_[pos_];
        if (c == ',' || c == '\n' || c == '\r') break;
        ++pos_;
      }
      f.assign(text_.data() + start, pos_ - start);
    }
    if (pos_ >= n) return;
    char c = text_[pos_++];
    if (c == ',') continue;
    if (c == '\r' && pos_ < n && text_[pos_] == '\n') ++pos_;
    ++line_;
    return;
  }
}

}  // namespace yeyou::gtfs
