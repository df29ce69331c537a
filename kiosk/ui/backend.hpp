#pragma once
// Backend: what the screens may ask of the data layer. The kiosk uses the
// DataWorker (WorkerBackend); tests substitute a fake that records
// submissions and publishes chosen snapshots (the UI's test seam).
#include <memory>
#include <string>

#include "kiosk/data/data_worker.hpp"

namespace yeyou::kiosk {

class Backend {
 public:
  virtual ~Backend() = default;
  virtual void start() {}
  virtual void stop() {}
  virtual std::shared_ptr<const ViewModel> snapshot() const = 0;
  virtual std::string submit_rating(Rating rating) = 0;
  virtual std::string submit_complaint(ComplaintDraft draft) = 0;
  virtual void lookup_complaint(const std::string& tracking_no) = 0;
  virtual void request_rating_link(const Subject& subject) = 0;
  virtual void refresh() {}
};

class WorkerBackend final : public Backend {
 public:
  explicit WorkerBackend(std::unique_ptr<DataWorker> worker) : worker_(std::move(worker)) {}
  void start() override { worker_->start(); }
  void stop() override { worker_->stop(); }
  std::shared_ptr<const ViewModel> snapshot() const override { return worker_->snapshot(); }
  std::string submit_rating(Rating rating) override { return worker_->submit_rating(std::move(rating)); }
  std::string submit_complaint(ComplaintDraft draft) override { return worker_->submit_complaint(std::move(draft)); }
  void lookup_complaint(const std::string& tracking_no) override { worker_->lookup_complaint(tracking_no); }
  void request_rating_link(const Subject& subject) override { worker_->request_rating_link(subject); }
  void refresh() override { worker_->refresh(); }

 private:
  std::unique_ptr<DataWorker> worker_;
};

}  // namespace yeyou::kiosk
