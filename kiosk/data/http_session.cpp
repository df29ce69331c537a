#include "kiosk/data/http_session.hpp"

#include <cctype>
#include <cstring>

#include <curl/curl.h>

namespace yeyou::kiosk {
namespace {

constexpr std::size_t kMaxBodyBytes = 32 * 1024 * 1024;

std::size_t append_body(char* data, std::size_t size, std::size_t nmemb, void* user) {
  auto* body = static_cast<std::string*>(user);
  std::size_t n = size * nmemb;
  if (body->size() + n > kMaxBodyBytes) return 0;
  body->append(data, n);
  return n;
}

struct HeaderSink {
  std::optional<long> retry_after;
  std::string etag;
};

std::string trim(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  return s.substr(i);
}

std::size_t on_header(char* data, std::size_t size, std::size_t nmemb, void* user) {
  auto* sink = static_cast<HeaderSink*>(user);
  std::size_t n = size * nmemb;
  std::string line(data, n);
  auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value = trim(line.substr(colon + 1));
    if (name == "retry-after") {
      try {
        long v = std::stol(value);
        if (v >= 0) sink->retry_after = v;
      } catch (const std::exception&) {
        // an HTTP date: treat as "a little later"
        sink->retry_after = 5;
      }
    } else if (name == "etag") {
      sink->etag = value;
    }
  }
  return n;
}

}  // namespace

std::string HttpResponse::describe() const {
  if (network_error) return error;
  std::string out = "HTTP " + std::to_string(status);
  Json j = json();
  if (j.is_object() && j.contains("error") && j["error"].is_object()) {
    const Json& e = j["error"];
    if (e.contains("code") && e["code"].is_string()) out += " " + e["code"].get<std::string>();
    if (e.contains("message") && e["message"].is_string()) out += ": " + e["message"].get<std::string>();
    if (e.contains("fields") && e["fields"].is_object() && !e["fields"].empty()) out += " " + e["fields"].dump();
  }
  return out;
}

Json HttpResponse::json() const { return Json::parse(body, nullptr, /*allow_exceptions=*/false); }

HttpSession::HttpSession(std::string base_url, std::string token, ApiTimeouts timeouts)
    : base_url_(std::move(base_url)), token_(std::move(token)), timeouts_(timeouts), curl_(curl_easy_init()) {
  while (!base_url_.empty() && base_url_.back() == '/') base_url_.pop_back();
}

HttpSession::~HttpSession() {
  if (curl_) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

void HttpSession::disconnect() {
  if (curl_) curl_easy_cleanup(static_cast<CURL*>(curl_));
  curl_ = curl_easy_init();
}

HttpResponse HttpSession::get(const std::string& path, const std::string& if_none_match) {
  return perform("GET", path, nullptr, if_none_match);
}

HttpResponse HttpSession::post(const std::string& path, const std::string& json_body) {
  return perform("POST", path, &json_body, "");
}

HttpResponse HttpSession::perform(const std::string& method, const std::string& path, const std::string* body,
                                  const std::string& if_none_match) {
  HttpResponse out;
  CURL* c = static_cast<CURL*>(curl_);
  if (!c) {
    out.network_error = true;
    out.error = "curl_easy_init failed";
    return out;
  }
  curl_easy_reset(c);  // keeps the connection cache: keep-alive across requests
  std::string url = base_url_ + path;
  char errbuf[CURL_ERROR_SIZE] = {};
  HeaderSink headers;
  curl_slist* list = nullptr;
  if (!token_.empty()) list = curl_slist_append(list, ("Authorization: Bearer " + token_).c_str());
  if (!if_none_match.empty()) list = curl_slist_append(list, ("If-None-Match: " + if_none_match).c_str());
  if (body) {
    list = curl_slist_append(list, "Content-Type: application/json");
    list = curl_slist_append(list, "Expect:");
  }
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &out.body);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &headers);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(timeouts_.connect.count()));
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(timeouts_.total.count()));
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(c, CURLOPT_USERAGENT, "yeyou-kiosk/0.1");
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_TCP_NODELAY, 1L);
  if (list) curl_easy_setopt(c, CURLOPT_HTTPHEADER, list);
  if (body) {
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body->data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body->size()));
  } else if (method != "GET") {
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method.c_str());
  }
  CURLcode rc = curl_easy_perform(c);
  curl_slist_free_all(list);
  if (rc != CURLE_OK) {
    out.network_error = true;
    out.error = url + ": " + (errbuf[0] ? std::string(errbuf) : std::string(curl_easy_strerror(rc)));
    out.body.clear();
    return out;
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out.status);
  out.retry_after_s = headers.retry_after;
  out.etag = headers.etag;
  return out;
}

}  // namespace yeyou::kiosk
