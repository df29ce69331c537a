#include "kiosk/data/api_client.hpp"

#include <cstdio>
#include <memory>

#include <curl/curl.h>

#include "core/url.hpp"
#include "kiosk/data/http_session.hpp"

namespace yeyou::kiosk {
namespace {

constexpr std::size_t kMaxBodyBytes = 16 * 1024 * 1024;

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};

std::size_t append_body(char* data, std::size_t size, std::size_t nmemb, void* user) {
  auto* body = static_cast<std::string*>(user);
  std::size_t n = size * nmemb;
  if (body->size() + n > kMaxBodyBytes) return 0;  // aborts the transfer
  body->append(data, n);
  return n;
}


template <typename T>
ApiResult<T> protocol_error(std::string message) {
  return ApiResult<T>::failure(ApiError{ApiErrorKind::protocol, 0, "", std::move(message)});
}

void log_skipped(const char* what, std::size_t index, const std::exception& e) {
  std::string detail = e.what();
  if (const auto* v = dynamic_cast<const ValidationError*>(&e))
    for (const auto& [field, problem] : v->fields()) detail += "; " + field + ": " + problem;
  std::fprintf(stderr, "yeyou-kiosk: skipping invalid %s #%zu: %s\n", what, index, detail.c_str());
}

}  // namespace

void init_http() { curl_global_init(CURL_GLOBAL_DEFAULT); }

ApiClient::ApiClient(std::string base_url, ApiTimeouts timeouts)
    : base_url_(std::move(base_url)), timeouts_(timeouts) {
  while (!base_url_.empty() && base_url_.back() == '/') base_url_.pop_back();
}

ApiResult<Json> ApiClient::get_json(const std::string& path) const {
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return ApiResult<Json>::failure({ApiErrorKind::network, 0, "", "curl_easy_init failed"});
  std::string url = base_url_ + path;
  std::string body;
  char errbuf[CURL_ERROR_SIZE] = {};
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // we run on a worker thread
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(timeouts_.connect.count()));
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(timeouts_.total.count()));
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");  // whatever libcurl supports
  curl_easy_setopt(c, CURLOPT_USERAGENT, "yeyou-kiosk/0.1");
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");

  CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK) {
    std::string msg = errbuf[0] ? errbuf : curl_easy_strerror(rc);
    return ApiResult<Json>::failure({ApiErrorKind::network, 0, "", url + ": " + msg});
  }
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);

  Json json = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (status < 200 || status >= 300) {
    ApiError err{ApiErrorKind::http, status, "", url + ": HTTP " + std::to_string(status)};
    if (json.is_object() && json.contains("error") && json["error"].is_object()) {
      const Json& e = json["error"];
      if (e.contains("code") && e["code"].is_string()) err.code = e["code"].get<std::string>();
      if (e.contains("message") && e["message"].is_string()) err.message += ": " + e["message"].get<std::string>();
    }
    return ApiResult<Json>::failure(std::move(err));
  }
  if (json.is_discarded()) return protocol_error<Json>(url + ": response is not valid JSON");
  return ApiResult<Json>::success(std::move(json));
}

ApiResult<bool> ApiClient::health() const {
  auto r = get_json("/api/v1/health");
  if (!r.ok()) return ApiResult<bool>::failure(r.error);
  const Json& j = *r.value;
  if (!j.is_object() || !j.contains("status") || j["status"] != "ok")
    return protocol_error<bool>("health: status is not \"ok\"");
  return ApiResult<bool>::success(true);
}

ApiResult<VenuesPayload> ApiClient::venues() const {
  auto r = get_json("/api/v1/venues");
  if (!r.ok()) return ApiResult<VenuesPayload>::failure(r.error);
  return decode_venues(*r.value);
}

ApiResult<EventsPayload> ApiClient::events(Timestamp from, Timestamp to) const {
  std::string path = "/api/v1/events?from=" + percent_encode(format_iso8601(from)) +
                     "&to=" + percent_encode(format_iso8601(to));
  auto r = get_json(path);
  if (!r.ok()) return ApiResult<EventsPayload>::failure(r.error);
  return decode_events(*r.value);
}

ApiResult<VenuesPayload> decode_venues(const Json& body) {
  if (!body.is_object() || !body.contains("venues") || !body["venues"].is_array())
    return protocol_error<VenuesPayload>("venues: body has no \"venues\" array");
  VenuesPayload out;
  const Json& venues = body["venues"];
  for (std::size_t i = 0; i < venues.size(); ++i) {
    try {
      Json v = venues[i];
      VenueWithOccupancy item;
      if (v.is_object() && v.contains("occupancy")) {
        const Json& o = v["occupancy"];
        if (!o.is_null()) {
          item.occupancy = occupancy_from_json(o);
          if (o.contains("level") && o["level"].is_string())
            item.level = enum_from<CrowdLevel>(o["level"].get<std::string>());
        }
        v.erase("occupancy");
      }
      item.venue = venue_from_json(v);
      out.venues.push_back(std::move(item));
    } catch (const std::exception& e) {
      log_skipped("venue", i, e);
      ++out.skipped;
    }
  }
  if (body.contains("districts") && body["districts"].is_array()) {
    const Json& districts = body["districts"];
    for (std::size_t i = 0; i < districts.size(); ++i) {
      try {
        out.districts.push_back(district_from_json(districts[i]));
      } catch (const std::exception& e) {
        log_skipped("district", i, e);
        ++out.skipped;
      }
    }
  }
  return ApiResult<VenuesPayload>::success(std::move(out));
}

ApiResult<EventsPayload> decode_events(const Json& body) {
  if (!body.is_object() || !body.contains("events") || !body["events"].is_array())
    return protocol_error<EventsPayload>("events: body has no \"events\" array");
  EventsPayload out;
  const Json& events = body["events"];
  for (std::size_t i = 0; i < events.size(); ++i) {
    try {
      out.events.push_back(event_from_json(events[i], true, /*allow_fallback=*/true));
    } catch (const std::exception& e) {
      log_skipped("event", i, e);
      ++out.skipped;
    }
  }
  return ApiResult<EventsPayload>::success(std::move(out));
}

}  // namespace yeyou::kiosk
