#include "server/http/api_server.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <limits>
#include <cstdio>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "server/http/client_address.hpp"
#include "server/http/handlers.hpp"
#include "server/http/json_response.hpp"
#include "server/http/request_auth.hpp"
#include "server/http/request_log.hpp"
#include "server/http/route.hpp"

namespace yeyou::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using beast::error_code;

HttpOptions http_options(const services::ServerConfig& c) {
  HttpOptions o;
  o.max_body_bytes = static_cast<std::size_t>(c.max_body_bytes);
  o.threads = c.threads;
  o.log_requests = c.log_requests;
  o.keep_alive_requests = static_cast<std::size_t>(c.keep_alive_requests);
  o.header_timeout = std::chrono::seconds{c.header_timeout_s};
  o.body_timeout = std::chrono::seconds{c.body_timeout_s};
  o.idle_timeout = std::chrono::seconds{c.idle_timeout_s};
  o.max_connections = static_cast<std::size_t>(c.max_connections);
  o.max_connections_per_address = static_cast<std::size_t>(c.max_connections_per_address);
  o.trusted_proxies = c.trusted_proxies;
  o.assume_tls = c.secure_cookies;
  return o;
}

class Session;

class ApiServer::Impl {
 public:
  Impl(services::ServiceHub& services, HttpOptions http)
      : hub(services),
        options(std::move(http)),
        proxies(this->options.trusted_proxies),
        matcher(route_table()),
        io_count(std::max(1, static_cast<int>(std::thread::hardware_concurrency()) / 2)),
        worker_count(this->options.threads > 0
                         ? this->options.threads
                         : std::clamp(16 * static_cast<int>(std::thread::hardware_concurrency()), 16, 128)),
        ioc(io_count),
        acceptor(net::make_strand(ioc)),
        accept_retry(acceptor.get_executor()),
        workers(static_cast<std::size_t>(worker_count)) {}

  services::ServiceHub& hub;
  const HttpOptions options;
  const TrustedProxies proxies;
  const RouteMatcher matcher;
  const int io_count;
  const int worker_count;
  std::atomic<bool> running{false};
  std::atomic<bool> stopping{false};
  std::atomic<std::size_t> queued{0};
  bool bound = false;
  // Open connections, by client address; and the sessions, to close idle ones
  // at stop. Declared before the I/O context and the workers: sessions they
  // still hold unregister here when those are destroyed.
  std::mutex mu;
  std::condition_variable drained;
  std::unordered_map<std::string, std::size_t> per_address;
  std::size_t open_connections = 0;
  std::unordered_set<Session*> sessions;
  net::io_context ioc;
  tcp::acceptor acceptor;
  net::steady_timer accept_retry;
  net::thread_pool workers;

  void accept();
  void refuse(tcp::socket socket);
  bool admit(const std::string& address);
  // A connection's place under the caps, given back when it closes (or is
  // about to: see Session::send).
  void release(const std::string& address);
  void forget(Session* s);
  // Deferred answers not yet delivered (see Session::run_deferred): the
  // writer calls back into this server until they are none.
  std::size_t deferred = 0;
  void deferred_begun();
  void deferred_ended();
};

// One connection. Its steps run one at a time, on the connection's strand
// (reading, writing) or on a worker (deciding access, the handler), so its
// members need no lock.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, ApiServer::Impl& server, std::string peer)
      : stream_(std::move(socket)), server_(server), peer_(std::move(peer)) {}
  ~Session() {
    release_slot();
    server_.forget(this);
  }

  void start() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->wait_for_request(true); });
  }
  // Closes the connection if it is between requests (server stopping).
  void close_if_idle() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      if (self->idle_) {
        error_code ignored;
        self->stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
        self->stream_.cancel();
      }
    });
  }

 private:
  const HttpOptions& opt() const { return server_.options; }

  void wait_for_request(bool first) {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(opt().max_header_bytes));
    // The body limit is set once the header is in: a Content-Length over it is
    // then answered 413 rather than failing the header read.
    parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
    req_ = Request{};
    res_ = Response{};
    who_ = services::Principal{};
    body_unread_ = false;
    if (server_.stopping && !first) return close();
    // Until a header is complete the connection has nothing in flight: a
    // stopping server may close it.
    idle_ = true;
    if (first || buffer_.size() > 0) {
      // A new connection gets the header deadline from its first moment.
      stream_.expires_after(opt().header_timeout);
      return read_header();
    }
    // Between keep-alive requests: wait (idle deadline) for the next one to begin.
    stream_.expires_after(opt().idle_timeout);
    stream_.async_read_some(buffer_.prepare(4096), [self = shared_from_this()](error_code ec, std::size_t n) {
      if (ec) return self->close();
      self->buffer_.commit(n);
      self->stream_.expires_after(self->opt().header_timeout);
      self->read_header();
    });
  }

  void read_header() {
    bhttp::async_read_header(stream_, buffer_, *parser_, [self = shared_from_this()](error_code ec, std::size_t) {
      self->on_header(ec);
    });
  }

  void on_header(error_code ec) {
    idle_ = false;
    started_ = std::chrono::steady_clock::now();
    if (ec == bhttp::error::header_limit) {
      body_unread_ = true;  // the rest of the header is still on the wire
      return reject(431);
    }
    if (ec) return close();  // timeout, reset, or garbage before any request
    stream_.expires_never();
    const auto& head = parser_->get();
    req_.method = std::string(head.method_string());
    req_.peer_addr = peer_;
    for (const auto& f : head) req_.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
    auto client = server_.proxies.resolve(peer_, req_.get_header_value("X-Forwarded-For"),
                                          req_.get_header_value("X-Forwarded-Proto"));
    req_.remote_addr = client.address;
    req_.secure = client.secure || opt().assume_tls;
    body_unread_ = !parser_->is_done();

    std::string_view target(head.target().data(), head.target().size());
    auto q = target.find('?');
    auto path = percent_decode(target.substr(0, q), false);
    if (q != std::string_view::npos) req_.query = std::string(target.substr(q + 1));
    auto params = parse_query(req_.query);
    if (!path || !params || path->empty() || path->front() != '/') return reject(400);
    req_.path = std::move(*path);
    req_.params = std::move(*params);

    match_ = server_.matcher.find(req_.method, req_.path);
    if (!match_.route) {
      if (!match_.allow.empty()) res_.set_header("Allow", match_.allow);
      return reject(match_.allow.empty() ? 404 : 405);
    }
    req_.matches.clear();
    req_.matches.push_back(req_.path);
    for (auto& p : match_.params) req_.matches.push_back(std::move(p));
    // Never inflate: a small compressed body could expand without bound.
    auto encoding = req_.get_header_value("Content-Encoding");
    if (!encoding.empty() && !iequals(encoding, "identity")) return reject(415);
    if (auto length = parser_->content_length(); length && *length > opt().max_body_bytes) return reject(413);
    parser_->body_limit(opt().max_body_bytes);  // bounds a chunked body as it arrives
    // A deferred handler does not block: it and the access check before it
    // run here (a kiosk's token is cached), saving two thread hand-offs.
    deferred_ = match_.route->handler.start != nullptr;
    if (deferred_) return decide_access();
    to_worker([](Session& s) { s.decide_access(); });
  }

  // On a worker (or inline, see deferred_): who is asking, and may they?
  // Then the body, then the handler.
  void decide_access() {
    try {
      who_ = authorize(server_.hub, match_.route->access, req_);
    } catch (...) {
      write_exception(res_, std::current_exception(), req_.method + " " + match_.log_path);
      return to_strand([](Session& s) { s.send(); });
    }
    if (!body_unread_ || take_buffered_body()) return run_handler();
    if (parse_error_) return to_strand([](Session& s) { s.reject(s.parse_error_); });
    to_strand([](Session& s) { s.read_body(); });
  }

  // Parses body bytes that arrived with the header; true when the body is complete.
  bool take_buffered_body() {
    parse_error_ = 0;
    while (!parser_->is_done() && buffer_.size() > 0) {
      error_code ec;
      auto n = parser_->put(buffer_.data(), ec);
      buffer_.consume(n);
      if (ec == bhttp::error::need_more) break;
      if (ec) {
        parse_error_ = ec == bhttp::error::body_limit ? 413 : 400;
        return false;
      }
      if (n == 0) break;
    }
    if (parser_->is_done()) body_unread_ = false;
    return parser_->is_done();
  }

  void read_body() {
    auto expect = req_.get_header_value("Expect");
    if (iequals(expect, "100-continue")) {
      // The client waits for this before it sends the body: access is decided, so go ahead.
      static const std::string kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      stream_.expires_after(opt().write_timeout);
      return net::async_write(stream_, net::buffer(kContinue), [self = shared_from_this()](error_code ec, std::size_t) {
        if (ec) return self->close();
        self->read_rest_of_body();
      });
    }
    read_rest_of_body();
  }

  void read_rest_of_body() {
    stream_.expires_after(opt().body_timeout);
    bhttp::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](error_code ec, std::size_t) {
      self->stream_.expires_never();
      if (ec == bhttp::error::body_limit) return self->reject(413);
      if (ec) return self->close();  // a timeout has closed the socket already: nothing can be answered
      self->body_unread_ = false;
      if (self->deferred_) return self->run_handler();
      self->to_worker([](Session& s) { s.run_handler(); });
    });
  }

  // On a worker, or on the strand for a deferred handler.
  void run_handler() {
    req_.body = std::move(parser_->get().body());
    if (deferred_) return run_deferred();
    answer([this] {
      Exchange x{server_.hub, req_, res_, who_};
      match_.route->handler.run(x);
    });
    to_strand([](Session& s) { s.send(); });
  }

  // Writes the response `produce` makes; what it throws becomes the error answer.
  template <typename F>
  void answer(F produce) {
    res_ = Response{};
    res_.set_header("Cache-Control", "no-store");
    try {
      produce();
    } catch (...) {
      res_ = Response{};
      res_.set_header("Cache-Control", "no-store");
      write_exception(res_, std::current_exception(), req_.method + " " + match_.log_path);
    }
  }

  // Keeps the session, and the server's count of deferred answers, until the
  // handler's Reply (and every copy of it) is gone.
  struct InFlight {
    explicit InFlight(std::shared_ptr<Session> s) : session(std::move(s)) { session->server_.deferred_begun(); }
    InFlight(const InFlight&) = delete;
    InFlight& operator=(const InFlight&) = delete;
    ~InFlight() {
      auto& server = session->server_;
      session.reset();
      server.deferred_ended();
    }
    std::shared_ptr<Session> session;
  };

  // On the strand: the handler hands its work on and returns; its Reply
  // brings the answer back to the strand from whichever thread calls it.
  void run_deferred() {
    auto in_flight = std::make_shared<InFlight>(shared_from_this());
    Reply reply = [in_flight](Fill fill) {
      auto self = in_flight->session;
      net::post(self->stream_.get_executor(), [self, fill = std::move(fill)] {
        self->answer([&] { fill(self->res_); });
        self->send();
      });
    };
    bool started = false;
    answer([&] {
      Exchange x{server_.hub, req_, res_, who_};
      match_.route->handler.start(x, std::move(reply));
      started = true;
    });
    if (!started) send();  // refused before any work was handed on
  }

  // Answers without running a handler (and closes when the body was not read).
  void reject(int status) {
    if (req_.method.empty()) req_.method = "-";
    if (match_.log_path.empty()) match_.log_path = req_.path.empty() ? "-" : req_.path;
    write_status_error(res_, status);
    if (status == 503) res_.set_header("Retry-After", "1");
    send();
  }

  void send() {
    bool head_only = req_.method == "HEAD";
    bool keep = !body_unread_ && !server_.stopping && parser_ && parser_->get().keep_alive() &&
                ++served_ < opt().keep_alive_requests;
    if (res_.status >= 400 && res_.get_header_value("Cache-Control").empty())
      res_.set_header("Cache-Control", "no-store");
    res_.set_header("X-Content-Type-Options", "nosniff");
    add_security_headers(req_, res_);
    out_ = {};
    out_.version(11);
    out_.result(static_cast<unsigned>(res_.status));
    for (auto& [k, v] : res_.headers) out_.insert(k, v);
    std::size_t bytes = res_.body.size();
    out_.keep_alive(keep);
    if (head_only) {
      out_.content_length(bytes);
    } else {
      out_.body() = std::move(res_.body);
      out_.prepare_payload();
    }
    if (opt().log_requests)
      log_request(req_.remote_addr.empty() ? peer_ : req_.remote_addr, req_.method, match_.log_path, res_.status,
                  std::chrono::steady_clock::now() - started_, bytes);
    // The client may reconnect as soon as it reads a closing answer: its
    // connection must not count against its address's cap by then.
    if (!keep) release_slot();
    stream_.expires_after(opt().write_timeout);
    bhttp::async_write(stream_, out_, [self = shared_from_this(), keep](error_code ec, std::size_t) {
      self->stream_.expires_never();
      if (ec) return self->close();
      if (self->body_unread_) return self->linger_close();
      if (!keep) return self->close();
      self->out_ = {};
      self->wait_for_request(false);
    });
  }

  // The client may still be sending the body we refused. Closing with unread
  // data would reset the connection and could destroy our answer before the
  // client reads it, so stop sending, then read and drop what still arrives,
  // for a bounded time and amount, before closing.
  void linger_close() {
    error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(kLingerTime);
    drain(0);
  }

  void drain(std::size_t dropped) {
    buffer_.consume(buffer_.size());
    if (dropped > kLingerBytes) return close();
    stream_.async_read_some(buffer_.prepare(16 * 1024),
                            [self = shared_from_this(), dropped](error_code ec, std::size_t n) {
                              if (ec) return self->close();
                              self->drain(dropped + n);
                            });
  }

  static constexpr std::chrono::seconds kLingerTime{2};
  static constexpr std::size_t kLingerBytes = 1024 * 1024;

  void release_slot() {
    if (slot_released_) return;
    slot_released_ = true;
    server_.release(peer_);
  }

  void close() {
    release_slot();
    error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.close();
  }

  template <typename F>
  void to_worker(F step) {
    if (server_.queued.fetch_add(1) >= opt().max_queued_requests) {
      server_.queued.fetch_sub(1);
      return reject(503);
    }
    net::post(server_.workers, [self = shared_from_this(), step] {
      self->server_.queued.fetch_sub(1);
      step(*self);
    });
  }

  // Back to the connection's strand (where a deferred route already is).
  template <typename F>
  void to_strand(F step) {
    if (deferred_) return step(*this);
    net::post(stream_.get_executor(), [self = shared_from_this(), step] { step(*self); });
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  bhttp::response<bhttp::string_body> out_;
  ApiServer::Impl& server_;
  std::string peer_;
  Request req_;
  Response res_;
  services::Principal who_;
  RouteMatcher::Match match_;
  std::chrono::steady_clock::time_point started_{};
  std::size_t served_ = 0;
  bool body_unread_ = false;
  bool deferred_ = false;  // the route's handler is deferred: no worker is involved
  int parse_error_ = 0;
  bool idle_ = false;
  bool slot_released_ = false;
};

bool ApiServer::Impl::admit(const std::string& address) {
  std::lock_guard lock(mu);
  auto& n = per_address[address];
  if (open_connections >= options.max_connections || n >= options.max_connections_per_address) {
    if (n == 0) per_address.erase(address);
    return false;
  }
  ++n;
  ++open_connections;
  return true;
}

void ApiServer::Impl::release(const std::string& address) {
  std::lock_guard lock(mu);
  --open_connections;
  auto it = per_address.find(address);
  if (it != per_address.end() && --it->second == 0) per_address.erase(it);
}

void ApiServer::Impl::deferred_begun() {
  std::lock_guard lock(mu);
  ++deferred;
}

void ApiServer::Impl::deferred_ended() {
  std::lock_guard lock(mu);
  if (--deferred == 0) drained.notify_all();
}

void ApiServer::Impl::forget(Session* s) {
  std::lock_guard lock(mu);
  sessions.erase(s);
  if (sessions.empty()) drained.notify_all();
}

// Past a cap: a short 503 and close, without reading the request.
void ApiServer::Impl::refuse(tcp::socket socket) {
  static const std::string kBusy = [] {
    std::string body = R"({"error":{"code":"unavailable","message":"too many connections; retry shortly","fields":{}}})";
    return "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nConnection: close\r\n"
           "Content-Type: application/json; charset=utf-8\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n\r\n" + body;
  }();
  auto s = std::make_shared<tcp::socket>(std::move(socket));
  net::async_write(*s, net::buffer(kBusy), [s](error_code, std::size_t) {
    error_code ignored;
    s->shutdown(tcp::socket::shutdown_send, ignored);
    s->close(ignored);
  });
}

void ApiServer::Impl::accept() {
  acceptor.async_accept(net::make_strand(ioc), [this](error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted || !acceptor.is_open()) return;
    if (!ec) {
      error_code aec;
      auto remote = socket.remote_endpoint(aec);
      if (!aec) {
        std::string peer = remote.address().to_string();
        socket.set_option(tcp::no_delay(true), aec);
        if (!admit(peer)) {
          refuse(std::move(socket));
        } else {
          auto session = std::make_shared<Session>(std::move(socket), *this, peer);
          {
            std::lock_guard lock(mu);
            sessions.insert(session.get());
          }
          session->start();
        }
      }
    } else if (ec == net::error::no_descriptors) {
      // Out of file descriptors: give connections a moment to close.
      accept_retry.expires_after(std::chrono::milliseconds{50});
      accept_retry.async_wait([this](error_code) { accept(); });
      return;
    }
    accept();
  });
}

ApiServer::ApiServer(services::ServiceHub& hub, HttpOptions options)
    : impl_(std::make_unique<Impl>(hub, std::move(options))) {}

ApiServer::~ApiServer() {
  stop();
  impl_->workers.join();
  // The writer still holds deferred answers: it calls back into this server.
  std::unique_lock lock(impl_->mu);
  impl_->drained.wait(lock, [this] { return impl_->deferred == 0; });
}

int ApiServer::bind(const std::string& host, int port) {
  auto& s = *impl_;
  // Every connection is a descriptor: allow as many as the hard limit does.
  rlimit lim{};
  if (getrlimit(RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur < lim.rlim_max) {
    lim.rlim_cur = lim.rlim_max;
    setrlimit(RLIMIT_NOFILE, &lim);
  }
  error_code ec;
  auto address = net::ip::make_address(host == "localhost" ? "127.0.0.1" : host, ec);
  if (ec) return -1;
  tcp::endpoint endpoint(address, static_cast<unsigned short>(port));
  s.acceptor.open(endpoint.protocol(), ec);
  if (!ec) s.acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) s.acceptor.bind(endpoint, ec);
  // A deep backlog: a fleet of kiosks reconnecting at once must not see SYNs dropped.
  if (!ec) s.acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    error_code ignored;
    s.acceptor.close(ignored);
    return -1;
  }
  s.bound = true;
  return s.acceptor.local_endpoint().port();
}

bool ApiServer::serve() {
  auto& s = *impl_;
  if (!s.bound) return false;
  auto guard = net::make_work_guard(s.ioc);
  s.accept();
  std::vector<std::thread> threads;
  for (int i = 1; i < s.io_count; ++i) threads.emplace_back([&s] { s.ioc.run(); });
  s.running = true;
  s.ioc.run();
  for (auto& t : threads) t.join();
  s.running = false;
  return true;
}

void ApiServer::stop() {
  auto& s = *impl_;
  if (s.stopping.exchange(true) || !s.bound) {
    s.ioc.stop();
    return;
  }
  net::post(s.acceptor.get_executor(), [&s] {
    error_code ignored;
    s.acceptor.close(ignored);
  });
  // Owning references, taken under the lock (a session whose last owner is
  // gone is skipped) and dropped outside it: a session's destructor takes the lock.
  std::vector<std::shared_ptr<Session>> open;
  {
    std::lock_guard lock(s.mu);
    for (auto* session : s.sessions)
      if (auto owner = session->weak_from_this().lock()) open.push_back(std::move(owner));
  }
  for (auto& session : open) session->close_if_idle();
  open.clear();
  {
    // Requests in flight finish and their connections close; then stop.
    std::unique_lock lock(s.mu);
    s.drained.wait_for(lock, s.options.write_timeout, [&s] { return s.sessions.empty(); });
  }
  s.ioc.stop();
}

bool ApiServer::is_running() const { return impl_->running; }
int ApiServer::worker_threads() const { return impl_->worker_count; }
int ApiServer::io_threads() const { return impl_->io_count; }

}  // namespace yeyou::http
