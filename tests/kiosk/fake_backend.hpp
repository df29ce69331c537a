#pragma once
// A Backend for UI tests: publishes a chosen snapshot and records what the
// screens submitted (the UI's test seam in place of the DataWorker).
#include <mutex>
#include <vector>

#include "kiosk/ui/backend.hpp"

namespace yeyou::kiosk::test {

class FakeBackend final : public Backend {
 public:
  explicit FakeBackend(ViewModel vm) : vm_(std::make_shared<const ViewModel>(std::move(vm))) {}
  std::shared_ptr<const ViewModel> snapshot() const override { return vm_; }
  std::string submit_rating(Rating r) override {
    ratings.push_back(r);
    return "rating-" + std::to_string(ratings.size());
  }
  std::string submit_complaint(ComplaintDraft d) override {
    complaints.push_back(d);
    return "complaint-" + std::to_string(complaints.size());
  }
  void lookup_complaint(const std::string& t) override { lookups.push_back(t); }
  void request_rating_link(const Subject& s) override { links.push_back(s); }
  // Publishes a changed snapshot (as the worker would).
  void publish(ViewModel vm) { vm_ = std::make_shared<const ViewModel>(std::move(vm)); }
  const ViewModel& current() const { return *vm_; }

  std::vector<Rating> ratings;
  std::vector<ComplaintDraft> complaints;
  std::vector<std::string> lookups;
  std::vector<Subject> links;

 private:
  std::shared_ptr<const ViewModel> vm_;
};

}  // namespace yeyou::kiosk::test
