#pragma once
// A real program run by a test: output to a log file, waited for with a
// limit, stopped with SIGTERM (then SIGKILL) when the test ends, or killed
// outright with kill9() for crash tests.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "support/free_port.hpp"

#include <doctest/doctest.h>

namespace yeyou::test {

class Child {
 public:
  Child(const std::vector<std::string>& argv, const std::string& log_path, bool append = false) {
    pid_ = fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      int fd = open(log_path.c_str(), O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC), 0644);
      if (fd >= 0) {
        dup2(fd, 1);
        dup2(fd, 2);
        close(fd);
      }
      std::vector<char*> args;
      for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
      args.push_back(nullptr);
      execv(args[0], args.data());
      _exit(127);
    }
  }
  ~Child() { terminate(); }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  // SIGTERM, then SIGKILL if it has not exited within 5 s.
  void terminate() {
    if (pid_ > 0 && !exit_code_) {
      kill(pid_, SIGTERM);
      if (!wait(std::chrono::seconds{5})) kill9();
    }
  }
  void kill9() {
    if (pid_ > 0 && !exit_code_) {
      kill(pid_, SIGKILL);
      int status = 0;
      waitpid(pid_, &status, 0);
      exit_code_ = 128 + SIGKILL;
    }
  }
  // Waits up to `limit` for the child to exit; true if it did.
  bool wait(std::chrono::milliseconds limit) {
    auto deadline = std::chrono::steady_clock::now() + limit;
    while (!exit_code_) {
      int status = 0;
      pid_t r = waitpid(pid_, &status, WNOHANG);
      if (r == pid_) {
        exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        break;
      }
      if (std::chrono::steady_clock::now() >= deadline) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds{5});
    }
    return true;
  }
  std::optional<int> exit_code() const { return exit_code_; }
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  std::optional<int> exit_code_;
};

// Runs a program to completion; fails the test if it takes longer than `limit`.
inline int run(const std::vector<std::string>& argv, const std::string& log_path,
               std::chrono::seconds limit = std::chrono::seconds{120}) {
  Child c(argv, log_path);
  REQUIRE_MESSAGE(c.wait(limit), argv[0] << " did not finish within " << limit.count() << " s");
  return *c.exit_code();
}

// The whole of a (log) file; empty if it does not exist.
inline std::string slurp(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}


}  // namespace yeyou::test
