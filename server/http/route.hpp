#pragma once
// A route: method, path pattern, who may call it, and the handler. Every
// route of the server is declared in one table (route_table.cpp); the server
// decides access from the route before it reads the request body.
//
// Path patterns are literal segments and parameters; a parameter's name
// fixes what it matches:
//   {id}        1-10 digits                      {rating}  a UUID (36 hex digits and dashes)
//   {kiosk} {counter} {device}  [A-Za-z0-9._-]{1,64}
//   {tracking}  [A-Za-z0-9-]{1,40}               {action}  [a-z-]{1,40}
//   {token}     [A-Za-z0-9_-]{1,64}, a secret: never written to the log
//   {file}      the rest of the path, [A-Za-z0-9_./-]{1,200} (last only)
// A parameter may carry a literal suffix inside its segment ("{id}.ics").
// When two patterns match, the one with a literal segment first wins.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "server/http/http_message.hpp"
#include "server/services/service_hub.hpp"

namespace yeyou::http {

enum class Method { get, post, put, patch, del };
std::string_view method_name(Method m);

// Which object named in the path must belong to the caller. Outside the
// caller's scope the answer is 404, as if the object did not exist.
enum class Scope {
  none,
  venue,       // {id} is a venue the caller may edit (bureau: any; venue staff: their own)
  event,       // {id} is an event at such a venue
  case_file,   // {id} is a case of the caller's unit
  own_device,  // the path's {kiosk} or {counter} is the calling device itself
  car_park_counter,  // {id} is the car park this counter device reports for
};

struct Access {
  enum class Who {
    anyone,  // public: no credentials read
    kiosk,   // a kiosk device token
    counter, // a people/vehicle counter device token
    signed_in,  // any valid token or session: a device or a user
    user,    // a user session with one of `roles` (any role when empty)
  };
  Who who = Who::anyone;
  std::vector<services::Role> roles;
  Scope scope = Scope::none;
};

// Shorthands for the table.
Access anyone();
Access kiosk(Scope scope = Scope::none);
Access counter(Scope scope = Scope::none);
Access signed_in();
Access user(std::vector<services::Role> roles = {}, Scope scope = Scope::none);

// What a handler works with. `who` is the caller (a default, anonymous
// Principal on public routes).
struct Exchange {
  services::ServiceHub& hub;
  const Request& req;
  Response& res;
  const services::Principal& who;
};

// Delivers a deferred handler's answer, once, from any thread: `fill` then
// runs on the connection's I/O thread and writes the response (what it
// throws becomes the error answer).
using Fill = std::function<void(Response&)>;
using Reply = std::function<void(Fill)>;

// Most handlers run on the worker pool and may block (database reads, the
// durable writer). A deferred handler runs on the connection's I/O thread and
// must not block: it decodes, hands its work to the durable writer without
// waiting (submit_async) and returns; the answer follows through its Reply.
// The hot ingest path so costs no thread hand-off of its own.
struct Handler {
  Handler(void (*f)(Exchange&)) : run(f) {}             // NOLINT: implicit, for the table
  Handler(void (*f)(Exchange&, Reply)) : start(f) {}    // NOLINT: implicit, for the table
  void (*run)(Exchange&) = nullptr;
  void (*start)(Exchange&, Reply) = nullptr;
};

struct Route {
  Method method;
  std::string pattern;
  Access access;
  Handler handler;
};

// The one table: every endpoint of the server.
const std::vector<Route>& route_table();

// Finds the route for a request in a table.
class RouteMatcher {
 public:
  explicit RouteMatcher(const std::vector<Route>& routes);

  struct Match {
    const Route* route = nullptr;      // null: no route
    std::vector<std::string> params;   // path parameters, in order
    std::string allow;                 // when the path exists for other methods only: "GET, POST"
    std::string log_path;              // the path with secret parameters replaced by their name
  };
  Match find(std::string_view method, std::string_view path) const;

 private:
  struct Segment {
    std::string literal;  // a literal segment, or the suffix after a parameter
    std::string param;    // empty for a literal segment
  };
  struct Compiled {
    const Route* route;
    std::vector<Segment> segments;
  };
  static bool match(const Compiled& c, const std::vector<std::string_view>& parts, std::vector<std::string>& params);

  std::vector<Compiled> compiled_;
};

// True when `value` is a valid value for the parameter `name` (see above).
bool param_matches(std::string_view name, std::string_view value);

}  // namespace yeyou::http
