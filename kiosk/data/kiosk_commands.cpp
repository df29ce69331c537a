#include "kiosk/data/kiosk_commands.hpp"

#include <iostream>

#include "kiosk/data/staff_pin.hpp"

#include <chrono>
#include <filesystem>
#include <thread>

#include "core/uuid.hpp"
#include "kiosk/data/cache_store.hpp"
#include "kiosk/data/http_session.hpp"
#include "kiosk/data/outbox.hpp"
#include "kiosk/data/sync_engine.hpp"

namespace yeyou::kiosk {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono;

std::string path_in(const std::string& dir, const char* name) { return (fs::path(dir) / name).string(); }

ApiTimeouts timeouts_of(const KioskConfig& cfg) {
  return {milliseconds{cfg.connect_timeout_ms}, milliseconds{cfg.request_timeout_ms}};
}

void print(std::FILE* out, const Json& j) {
  std::fputs(j.dump().c_str(), out);
  std::fputc('\n', out);
  std::fflush(out);
}

// The kiosk id: configured, else remembered in the outbox, else asked from the server (and remembered).
std::string resolve_kiosk_id(const KioskConfig& cfg, Outbox& outbox, HttpSession& http) {
  if (!cfg.kiosk_id.empty()) {
    if (outbox.meta("kiosk_id") != cfg.kiosk_id) outbox.set_meta("kiosk_id", cfg.kiosk_id);
    return cfg.kiosk_id;
  }
  if (auto id = outbox.meta("kiosk_id")) return *id;
  std::string err;
  if (auto id = fetch_kiosk_id(http, &err)) {
    outbox.set_meta("kiosk_id", *id);
    return *id;
  }
  std::fprintf(stderr, "yeyou-kiosk: kiosk id unknown (%s); complaints use a provisional prefix\n", err.c_str());
  return "";
}

bool need_token(const KioskConfig& cfg) {
  if (!cfg.token.empty()) return true;
  std::fprintf(stderr, "yeyou-kiosk: %s needs the kiosk's token ([kiosk] token or --token)\n", cfg.command.c_str());
  return false;
}

template <typename T>
const T& pick(std::mt19937_64& rng, const std::vector<T>& v) {
  return v[std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(rng)];
}

bool chance(std::mt19937_64& rng, double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; }

const std::vector<std::string> kSurnames{"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "Kim", "Smith"};
const std::vector<std::string> kGivenNames{"伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "军"};

std::optional<Contact> maybe_contact(std::mt19937_64& rng, double p) {
  if (!chance(rng, p)) return std::nullopt;
  Contact c;
  c.name = pick(rng, kSurnames) + pick(rng, kGivenNames);
  c.phone = "13" + std::to_string(std::uniform_int_distribution<int>(100000000, 999999999)(rng));
  return c;
}

}  // namespace

Rating simulated_rating(std::mt19937_64& rng, const std::vector<std::string>& venue_ids, const std::string& kiosk_id) {
  static const std::vector<int> levels{1, 1, 1, 1, 2, 2, 2, 3, 3, 4, 5};
  static const std::vector<std::string> good{"灯光秀很漂亮", "Great night market, friendly staff", "夜景很美，值得一来",
                                             "야경이 정말 아름다워요", ""};
  static const std::vector<std::string> bad{"排队太久了", "Too crowded near the pier", "价格偏高，指示牌不清楚",
                                            "화장실이 더러워요", "停车难"};
  Rating r;
  r.id = new_uuid();
  if (!venue_ids.empty() && !chance(rng, 0.1)) r.subject = {SubjectKind::venue, pick(rng, venue_ids)};
  else r.subject = {SubjectKind::kiosk, kiosk_id.empty() ? "kiosk" : kiosk_id};
  r.level = pick(rng, levels);
  if (r.is_bad()) {
    int n = std::uniform_int_distribution<int>(1, 3)(rng);
    for (int i = 0; i < n; ++i) {
      auto reason = static_cast<BadReason>(std::uniform_int_distribution<int>(0, 7)(rng));
      if (std::find(r.reasons.begin(), r.reasons.end(), reason) == r.reasons.end()) r.reasons.push_back(reason);
    }
    r.comment = pick(rng, bad);
  } else if (chance(rng, 0.4)) {
    r.comment = pick(rng, good);
  }
  if (chance(rng, 0.5))
    for (int q = 0; q < 4; ++q)
      if (chance(rng, 0.7)) r.answers[static_cast<DetailQuestion>(q)] = r.is_bad() ? chance(rng, 0.3) : chance(rng, 0.9);
  r.contact = maybe_contact(rng, r.is_bad() ? 0.35 : 0.1);
  return r;
}

ComplaintDraft simulated_complaint(std::mt19937_64& rng, const std::vector<std::string>& venue_ids,
                                   const std::string& kiosk_id) {
  static const std::vector<std::string> texts{
      "夜市摊位价格与标价不符，多收了二十元。", "The shuttle bus did not come at the posted time.",
      "景区入口人太多，没有工作人员疏导。", "공중화장실이 문을 닫았어요.", "店员态度很差，拒绝开发票。",
      "Lights out on the boardwalk, it felt unsafe."};
  ComplaintDraft d;
  if (!venue_ids.empty() && !chance(rng, 0.1)) d.subject = {SubjectKind::venue, pick(rng, venue_ids)};
  else d.subject = {SubjectKind::kiosk, kiosk_id.empty() ? "kiosk" : kiosk_id};
  d.category = static_cast<ComplaintCategory>(std::uniform_int_distribution<int>(0, 7)(rng));
  d.text = pick(rng, texts);
  d.contact = maybe_contact(rng, 0.4);
  return d;
}

int command_status(const KioskConfig& cfg, std::FILE* out) {
  Json j{{"data_dir", cfg.data_dir}};
  const std::string outbox_path = path_in(cfg.data_dir, "outbox.db");
  const std::string cache_path = path_in(cfg.data_dir, "cache.db");
  Timestamp now = now_utc();
  j["kiosk_id"] = cfg.kiosk_id.empty() ? Json(nullptr) : Json(cfg.kiosk_id);
  j["outbox_pending"] = 0;
  j["outbox_sent"] = 0;
  j["oldest_outbox_age_s"] = nullptr;
  j["dead_letters"] = Json{{"count", 0}, {"items", Json::array()}};
  try {
    if (fs::exists(outbox_path)) {
      Outbox outbox(outbox_path);
      OutboxStats st = outbox.stats(now);
      j["outbox_pending"] = st.pending;
      j["outbox_sent"] = st.sent;
      j["oldest_outbox_age_s"] = st.oldest_age_s ? Json(*st.oldest_age_s) : Json(nullptr);
      Json items = Json::array();
      for (const auto& d : outbox.dead_letters(1000))
        items.push_back(Json{{"id", d.id},
                             {"kind", d.kind},
                             {"tracking_no", d.tracking_no.empty() ? Json(nullptr) : Json(d.tracking_no)},
                             {"http_status", d.http_status},
                             {"message", d.message},
                             {"at", format_iso8601(d.at)}});
      j["dead_letters"] = Json{{"count", st.dead_letters}, {"items", items}};
      if (cfg.kiosk_id.empty())
        if (auto id = outbox.meta("kiosk_id")) j["kiosk_id"] = *id;
    }
  } catch (const std::exception& e) {
    j["outbox_error"] = e.what();
  }
  j["cursor"] = 0;
  j["live_cursor"] = 0;
  j["last_sync_at"] = nullptr;
  j["cache_objects"] = 0;
  try {
    if (fs::exists(cache_path)) {
      CacheStore cache(cache_path);
      j["cursor"] = cache.cursor();
      j["live_cursor"] = cache.live_cursor();
      if (auto t = cache.last_sync_at()) j["last_sync_at"] = format_iso8601(*t);
      sql::Stmt s(cache.db(), "SELECT count(*) FROM objects");
      if (s.step()) j["cache_objects"] = s.int64(0);
      if (cache.recreated()) j["cache_recreated"] = cache.recreate_reason();
    }
  } catch (const std::exception& e) {
    j["cache_error"] = e.what();
  }
  print(out, j);
  return 0;
}

int command_sync_once(const KioskConfig& cfg, std::FILE* out) {
  if (!need_token(cfg)) return 64;
  fs::create_directories(cfg.data_dir);
  HttpSession http(cfg.server_url, cfg.token, timeouts_of(cfg));
  Outbox outbox(path_in(cfg.data_dir, "outbox.db"));
  CacheStore cache(path_in(cfg.data_dir, "cache.db"));
  std::string kiosk_id = resolve_kiosk_id(cfg, outbox, http);
  Timestamp now = now_utc();
  SyncResult content = sync_changes(http, cache, false, now);
  Json j{{"server", cfg.server_url}, {"kiosk_id", kiosk_id}, {"cache_recreated", cache.recreated()}};
  j["content"] = Json{{"ok", content.ok}, {"pages", content.pages}, {"changes", content.changes},
                      {"not_modified", content.unchanged}, {"error", content.error}};
  if (!content.reached) {
    j["error"] = content.error;
    print(out, j);
    std::fprintf(stderr, "yeyou-kiosk: cannot reach the server: %s\n", content.error.c_str());
    return 1;
  }
  SyncResult live = sync_changes(http, cache, true, now);
  j["live"] = Json{{"ok", live.ok}, {"changes", live.changes}, {"not_modified", live.unchanged}, {"error", live.error}};
  SyncResult transport = sync_transport(http, cache, kiosk_id, now);
  j["transport"] = Json{{"ok", transport.ok}, {"error", transport.error}};
  OutboxSender sender(http, outbox, std::random_device{}(), milliseconds{cfg.backoff_base_ms});
  int delivered = 0, dead = 0;
  for (;;) {
    auto st = sender.step();
    delivered += st.delivered;
    dead += st.dead;
    if (st.idle || !st.error.empty()) break;
  }
  OutboxStats stats = outbox.stats(now_utc());
  j["outbox"] = Json{{"delivered", delivered}, {"dead", dead}, {"pending", stats.pending}};
  if (!kiosk_id.empty()) {
    HeartbeatData h;
    h.outbox_depth = stats.pending;
    h.oldest_outbox_age_s = stats.oldest_age_s;
    h.last_sync_at = cache.last_sync_at();
    h.free_disk_bytes = free_disk_bytes(cfg.data_dir);
    HttpResponse hb = send_heartbeat(http, kiosk_id, h);
    j["heartbeat"] = hb.ok() ? Json("ok") : Json(hb.describe());
  }
  j["cursor"] = cache.cursor();
  print(out, j);
  return content.ok ? 0 : 1;
}

int command_simulate(const KioskConfig& cfg, std::FILE* out) {
  if (!need_token(cfg)) return 64;
  fs::create_directories(cfg.data_dir);
  const auto deadline = steady_clock::now() + seconds{cfg.timeout_seconds};
  HttpSession http(cfg.server_url, cfg.token, timeouts_of(cfg));
  Outbox outbox(path_in(cfg.data_dir, "outbox.db"));
  std::string kiosk_id = resolve_kiosk_id(cfg, outbox, http);

  // Subjects: the venues the server has (public list), when it can be reached.
  std::vector<std::string> venue_ids;
  if (cfg.sim_ratings + cfg.sim_complaints > 0) {
    HttpResponse v = http.get("/api/v1/venues");
    Json j = v.ok() ? v.json() : Json();
    if (j.is_object() && j.contains("venues") && j["venues"].is_array())
      for (const auto& venue : j["venues"])
        if (venue.is_object() && venue.contains("id") && venue["id"].is_number_integer())
          venue_ids.push_back(std::to_string(venue["id"].get<std::int64_t>()));
  }

  std::mt19937_64 rng(cfg.seed);
  int stored = 0, refused = 0;
  // Interleave ratings and complaints as visitors would.
  int r_left = cfg.sim_ratings, c_left = cfg.sim_complaints;
  while (r_left + c_left > 0) {
    bool rating = std::uniform_int_distribution<int>(1, r_left + c_left)(rng) <= r_left;
    SubmissionReceipt receipt;
    if (rating) {
      --r_left;
      receipt = store_rating(outbox, simulated_rating(rng, venue_ids, kiosk_id), now_utc());
    } else {
      --c_left;
      receipt = store_complaint(outbox, simulated_complaint(rng, venue_ids, kiosk_id), new_uuid(), kiosk_id, now_utc());
    }
    if (receipt.state == SubmissionReceipt::State::stored) {
      ++stored;
    } else {
      ++refused;
      std::fprintf(stderr, "yeyou-kiosk: refused: %s\n", receipt.error.c_str());
    }
  }

  OutboxSender sender(http, outbox, cfg.seed ^ 0x9e3779b97f4a7c15ULL, milliseconds{cfg.backoff_base_ms});
  int delivered = 0, dead = 0;
  bool empty = false;
  for (;;) {
    auto st = sender.step(200, [&] { return steady_clock::now() >= deadline; });
    delivered += st.delivered;
    dead += st.dead;
    if (st.idle) {
      empty = true;
      break;
    }
    if (steady_clock::now() >= deadline) break;
    if (st.wait.count() > 0) {
      auto left = duration_cast<milliseconds>(deadline - steady_clock::now());
      if (left.count() <= 0) break;
      std::this_thread::sleep_for(std::min(st.wait, left));
    }
  }
  OutboxStats stats = outbox.stats(now_utc());
  print(out, Json{{"kiosk_id", kiosk_id},
                  {"stored", stored},
                  {"refused", refused},
                  {"delivered", delivered},
                  {"dead_letters_now", dead},
                  {"outbox_pending", stats.pending},
                  {"dead_letters", stats.dead_letters},
                  {"last_error", sender.last_error()}});
  return empty && stats.pending == 0 ? 0 : 1;
}

int run_kiosk_command(const KioskConfig& cfg, std::FILE* out) {
  try {
    if (cfg.command == "status") return command_status(cfg, out);
    if (cfg.command == "sync") {
      if (!cfg.once) {
        std::fprintf(stderr, "yeyou-kiosk: sync needs --once (the window keeps syncing by itself)\n");
        return 64;
      }
      return command_sync_once(cfg, out);
    }
    if (cfg.command == "simulate") return command_simulate(cfg, out);
    if (cfg.command == "pin-hash") {
      // Reads the staff PIN from standard input; prints the [staff] pin_hash value.
      std::string pin;
      std::getline(std::cin, pin);
      if (pin.size() < 4 || pin.size() > 12 || pin.find_first_not_of("0123456789") != std::string::npos) {
        std::fprintf(stderr, "yeyou-kiosk pin-hash: the PIN must be 4 to 12 digits\n");
        return 64;
      }
      std::fprintf(out, "%s\n", hash_staff_pin(pin).c_str());
      return 0;
    }
    std::fprintf(stderr, "yeyou-kiosk: unknown command '%s'\n", cfg.command.c_str());
    return 64;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "yeyou-kiosk %s: %s\n", cfg.command.c_str(), e.what());
    return 1;
  }
}

}  // namespace yeyou::kiosk
