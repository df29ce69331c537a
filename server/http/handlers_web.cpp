// The web console (/console/), the public pages (/results, /c/{tracking},
// /r/{token}) and their static files (/static/…), served from server/web.
// Pages are HTML shells; everything they show comes from the JSON API.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "server/http/api_server.hpp"
#include "server/http/handlers.hpp"
#include "server/http/json_response.hpp"

namespace yeyou::http {
namespace {

namespace fs = std::filesystem;

std::string content_type_for(const fs::path& p) {
  auto ext = p.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/json; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  return "application/octet-stream";
}

// Serves root/rel if it is a regular file inside root; 404 otherwise (no
// listings, no way out of the folder).
void send_file(const fs::path& root, const std::string& rel, Response& res) {
  std::error_code ec;
  if (rel.empty() || rel.find("..") != std::string::npos || rel.front() == '/' || rel.find('\\') != std::string::npos) {
    write_status_error(res, 404);
    return;
  }
  fs::path full = fs::weakly_canonical(root / rel, ec);
  auto root_str = root.string() + "/";
  if (ec || full.string().compare(0, root_str.size(), root_str) != 0 || !fs::is_regular_file(full, ec)) {
    write_status_error(res, 404);
    return;
  }
  std::ifstream in(full, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  res.status = 200;
  res.set_content(buf.str(), content_type_for(full));
}

}  // namespace

std::string resolve_web_dir(const std::string& configured) {
  if (!configured.empty()) return configured;
  if (const char* env = std::getenv("YEYOU_WEB_DIR")) return env;
  if (fs::exists("server/web/console.html")) return "server/web";
#ifdef YEYOU_SOURCE_WEB_DIR
  return YEYOU_SOURCE_WEB_DIR;
#else
  return "server/web";
#endif
}

namespace handlers {
namespace {

void send_page(Exchange& x, const char* file) {
  std::error_code ec;
  send_file(fs::weakly_canonical(resolve_web_dir(x.hub.config.web_dir), ec), file, x.res);
}

}  // namespace

void redirect_to_console(Exchange& x) { x.res.set_redirect("/console/"); }
void console_page(Exchange& x) { send_page(x, "console.html"); }
void results_page(Exchange& x) { send_page(x, "results.html"); }
void complaint_page(Exchange& x) { send_page(x, "complaint.html"); }
void rating_page(Exchange& x) { send_page(x, "rate.html"); }

void static_file(Exchange& x) {
  std::error_code ec;
  send_file(fs::weakly_canonical(resolve_web_dir(x.hub.config.web_dir), ec), x.req.matches[1], x.res);
  // Static files may be cached briefly; pages and API answers are no-store.
  x.res.set_header("Cache-Control", "no-cache");
}

}  // namespace handlers

// Security headers on every answer; HTML gets a Content-Security-Policy that
// allows scripts only from this origin (no inline script anywhere).
void add_security_headers(const Request& req, Response& res) {
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Referrer-Policy", "no-referrer");
  auto type = res.get_header_value("Content-Type");
  if (type.rfind("text/html", 0) == 0) {
    // The monthly report is a self-contained printable document with its own <style>.
    bool report = req.path.rfind("/api/v1/reports/", 0) == 0;
    res.set_header("Content-Security-Policy",
                   std::string("default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; "
                               "form-action 'self'; frame-ancestors 'none'; img-src 'self' data:; "
                               "connect-src 'self'; style-src 'self'") +
                       (report ? " 'unsafe-inline'" : ""));
  }
}

}  // namespace yeyou::http
