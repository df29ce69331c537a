#include "kiosk/data/sync_engine.hpp"

#include <filesystem>

#include "core/url.hpp"

namespace yeyou::kiosk {

SyncResult sync_changes(HttpSession& http, CacheStore& cache, bool live, Timestamp now, int max_pages,
                        int page_limit) {
  SyncResult r;
  const char* endpoint = live ? "/api/v1/sync/live?since=" : "/api/v1/sync?cursor=";
  for (int page = 0; page < max_pages; ++page) {
    std::int64_t cursor = live ? cache.live_cursor() : cache.cursor();
    std::string path = endpoint + std::to_string(cursor);
    if (page_limit > 0) path += "&limit=" + std::to_string(page_limit);
    HttpResponse resp = http.get(path);
    if (resp.network_error) {
      r.error = resp.error;
      return r;
    }
    r.reached = true;
    r.http_status = resp.status;
    if (resp.status == 304) {
      if (page == 0) r.unchanged = true;
      cache.touch_sync(now);
      r.ok = true;
      return r;
    }
    if (!resp.ok()) {
      r.error = (live ? "sync/live: " : "sync: ") + resp.describe();
      return r;
    }
    Json body = resp.json();
    SyncPageData data;
    try {
      data = decode_sync_page(body);
    } catch (const std::exception& e) {
      r.error = e.what();
      return r;
    }
    cache.apply_page(data, live, now);
    ++r.pages;
    r.changes += data.changes.size();
    if (!data.changes.empty() || data.reset) r.changed = true;
    if (data.reset) r.reset = true;
    r.content_poll_s = data.content_poll_s;
    r.live_poll_s = data.live_poll_s;
    if (!data.more) {
      r.ok = true;
      return r;
    }
  }
  r.ok = true;  // more pages remain; the next cycle continues from the stored cursor
  return r;
}

SyncResult sync_transport(HttpSession& http, CacheStore& cache, const std::string& kiosk_id, Timestamp now) {
  SyncResult r;
  std::string at = percent_encode(format_iso8601(now));
  if (!kiosk_id.empty()) {
    HttpResponse d = http.get("/api/v1/kiosks/" + percent_encode(kiosk_id) + "/departures?at=" + at + "&limit=5");
    if (d.network_error) {
      r.error = d.error;
      return r;
    }
    r.reached = true;
    if (d.ok()) {
      Json j = d.json();
      if (j.is_object()) {
        cache.store_board("departures", j, now);
        r.changed = true;
      }
    } else if (d.status != 404) {
      r.error = "departures: " + d.describe();
    }
  }
  HttpResponse p = http.get("/api/v1/parking?at=" + at);
  if (p.network_error) {
    r.error = p.error;
    return r;
  }
  r.reached = true;
  if (p.ok()) {
    Json j = p.json();
    if (j.is_object()) {
      cache.store_board("parking", j, now);
      r.changed = true;
    }
  } else if (r.error.empty()) {
    r.error = "parking: " + p.describe();
  }
  r.ok = r.error.empty();
  return r;
}

std::optional<std::string> fetch_kiosk_id(HttpSession& http, std::string* error) {
  HttpResponse r = http.get("/api/v1/auth/me");
  if (!r.ok()) {
    if (error) *error = "auth/me: " + r.describe();
    return std::nullopt;
  }
  if (auto id = device_id_of(r.json())) return id;
  if (error) *error = "auth/me: the token is not a device's";
  return std::nullopt;
}

std::optional<std::string> device_id_of(const Json& me) {
  auto is_text = [&](const char* key) { return me.is_object() && me.contains(key) && me[key].is_string(); };
  if (is_text("kind") && me["kind"] == "device" && is_text("id")) return me["id"].get<std::string>();
  return std::nullopt;
}

Json heartbeat_json(const HeartbeatData& h) {
  return Json{{"version", h.version},
              {"uptime_s", h.uptime_s},
              {"outbox_depth", h.outbox_depth},
              {"oldest_outbox_age_s", h.oldest_outbox_age_s.value_or(0)},
              {"last_sync_at", h.last_sync_at ? Json(format_iso8601(*h.last_sync_at)) : Json(nullptr)},
              {"free_disk_bytes", h.free_disk_bytes}};
}

HttpResponse send_heartbeat(HttpSession& http, const std::string& kiosk_id, const HeartbeatData& h) {
  return http.post("/api/v1/kiosks/" + percent_encode(kiosk_id) + "/heartbeat", heartbeat_json(h).dump());
}

std::int64_t free_disk_bytes(const std::string& dir) {
  std::error_code ec;
  auto s = std::filesystem::space(dir.empty() ? "." : dir, ec);
  if (ec) return 0;
  return static_cast<std::int64_t>(s.available);
}

SendVerdict classify_send(const HttpResponse& r) {
  if (r.network_error) return SendVerdict::retry;
  if (r.status == 200 || r.status == 201) return SendVerdict::delivered;
  if (r.status == 429) return SendVerdict::retry_after;
  if (r.status == 401 || r.status == 403) return SendVerdict::hold;
  if (r.status >= 500) return r.retry_after_s ? SendVerdict::retry_after : SendVerdict::retry;
  if (r.status >= 400) return SendVerdict::dead;  // 409 included: another payload under this key
  return SendVerdict::retry;  // 1xx/3xx: unexpected, try again later
}

OutboxSender::OutboxSender(HttpSession& http, Outbox& outbox, std::uint64_t seed, std::chrono::milliseconds backoff_base,
                           std::chrono::milliseconds backoff_cap)
    : http_(http), outbox_(outbox), rng_(seed), base_(backoff_base), cap_(backoff_cap) {}

OutboxSender::Step OutboxSender::step(int batch, const std::function<bool()>& should_stop) {
  Step st;
  auto items = outbox_.pending(batch);
  if (items.empty()) {
    st.idle = true;
    return st;
  }
  for (const auto& item : items) {
    if (should_stop && should_stop()) return st;
    const char* path = item.kind == "complaint" ? "/api/v1/complaints" : "/api/v1/ratings";
    HttpResponse resp = http_.post(path, item.body);
    Timestamp now = now_utc();
    switch (classify_send(resp)) {
      case SendVerdict::delivered:
        outbox_.mark_sent(item.id, resp.status, now);
        ++st.delivered;
        ++delivered_total_;
        failures_ = 0;
        break;
      case SendVerdict::dead:
        outbox_.dead_letter(item.id, resp.status, resp.describe(), now);
        ++st.dead;
        failures_ = 0;
        break;
      case SendVerdict::retry_after: {
        last_error_ = st.error = resp.describe();
        outbox_.mark_attempt(item.id, st.error);
        long s = resp.retry_after_s.value_or(1);
        st.wait = std::chrono::seconds{std::clamp<long>(s, 0, 3600)};
        if (st.wait.count() == 0) st.wait = std::chrono::milliseconds{100};
        return st;
      }
      case SendVerdict::retry:
      case SendVerdict::hold:
        last_error_ = st.error = resp.describe();
        outbox_.mark_attempt(item.id, st.error);
        ++failures_;
        st.wait = backoff_delay(failures_ - 1, rng_, base_, cap_);
        return st;
    }
  }
  return st;
}

}  // namespace yeyou::kiosk
