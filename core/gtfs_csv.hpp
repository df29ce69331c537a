#pragma once
// CSV as GTFS files use it (RFC 4180): an optional UTF-8 BOM, CRLF or LF line
// ends, quoted fields with "" escapes and line breaks inside quotes. The text
// is checked for NUL bytes and invalid UTF-8 before any row is read, so every
// problem is reported as "file:line: problem".
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace yeyou::gtfs {

class GtfsError : public std::runtime_error {
 public:
  GtfsError(const std::string& file, int line, const std::string& problem);
  const std::string& file() const { return file_; }
  int line() const { return line_; }  // 0 when the problem is not on a line (a missing file)
  const std::string& problem() const { return problem_; }

 private:
  std::string file_;
  int line_;
  std::string problem_;
};

// Throws GtfsError naming the first line with a NUL byte, another control
// character or invalid UTF-8.
void check_text(const std::string& file, const std::string& text);

class CsvTable {
 public:
  // Checks the text and reads the header row. `text` must outlive the table.
  CsvTable(std::string file, const std::string& text);

  const std::string& file() const { return file_; }
  // The column's index, or -1 when the header lacks it.
  int column(std::string_view name) const;
  // Like column(), but a missing column is an error on line 1.
  int require_column(std::string_view name) const;

  // Reads the next record; false at the end of the file. Blank lines are skipped.
  bool next();
  // The line on which the current record starts.
  int line() const { return record_line_; }
  // The field in column `col` of the current record; "" for col < 0 or a short row.
  std::string_view field(int col) const {
    return col >= 0 && static_cast<std::size_t>(col) < count_ ? std::string_view(fields_[static_cast<std::size_t>(col)])
                                                              : std::string_view();
  }
  [[noreturn]] void fail(const std::string& problem) const;

  // Records with fewer fields than the header (the missing ones read as "").
  std::size_t short_records() const { return short_records_; }
  int first_short_record_line() const { return first_short_line_; }

 private:
  void read_record();

  std::string file_;
  std::string_view text_;
  std::size_t pos_ = 0;
  int line_ = 1;
  int record_line_ = 0;
  std::vector<std::string> header_;
  std::vector<std::string> fields_;
  std::size_t count_ = 0;
  std::size_t short_records_ = 0;
  int first_short_line_ = 0;
};

}  // namespace yeyou::gtfs
