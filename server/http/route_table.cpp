// Every endpoint of the server, once: method, path, who may call it, handler.
// docs/api.md documents exactly these routes (a test compares the two).
#include "server/http/handlers.hpp"
#include "server/http/route.hpp"

namespace yeyou::http {

const std::vector<Route>& route_table() {
  using enum Method;
  using services::Role;
  namespace h = handlers;
  const std::vector<Role> staff{Role::bureau, Role::venue_staff};
  const std::vector<Role> bureau{Role::bureau};
  const std::vector<Role> admin{Role::admin};
  const std::vector<Role> managers{Role::admin, Role::bureau};

  static const std::vector<Route> table{
      // Health, accounts and devices
      {get, "/api/v1/health", anyone(), h::health},
      {post, "/api/v1/auth/login", anyone(), h::login},
      {post, "/api/v1/auth/logout", user(), h::logout},
      {get, "/api/v1/auth/me", signed_in(), h::me},
      {get, "/api/v1/users", user(admin), h::list_users},
      {post, "/api/v1/users", user(admin), h::add_user},
      {get, "/api/v1/devices", user(managers), h::list_devices},
      {post, "/api/v1/devices/{device}/revoke", user(admin), h::revoke_device},
      {get, "/api/v1/audit", user(managers), h::audit_log},

      // Content: venues, events, occupancy, notices, the change feed
      {get, "/api/v1/venues", anyone(), h::list_venues},
      {patch, "/api/v1/venues/{id}", user(staff, Scope::venue), h::patch_venue},
      {post, "/api/v1/venues/{id}/events", user(staff, Scope::venue), h::create_events},
      {post, "/api/v1/venues/{id}/occupancy", user(staff, Scope::venue), h::staff_occupancy},
      {get, "/api/v1/venues/{id}/usual-occupancy", anyone(), h::usual_occupancy},
      {get, "/api/v1/events", anyone(), h::list_events},
      {get, "/api/v1/events/{id}", anyone(), h::get_event},
      {patch, "/api/v1/events/{id}", user(staff, Scope::event), h::patch_event},
      {post, "/api/v1/counters/{counter}/readings", counter(Scope::own_device), h::counter_reading},
      {get, "/api/v1/notices", anyone(), h::list_notices},
      {post, "/api/v1/notices", user(bureau), h::issue_notice},
      {post, "/api/v1/notices/{id}/expire", user(bureau), h::expire_notice},
      {get, "/api/v1/changes", signed_in(), h::changes},

      // Kiosk feedback and sync
      {post, "/api/v1/ratings", kiosk(), h::submit_rating},
      {post, "/api/v1/complaints", kiosk(), h::submit_complaint},
      {get, "/api/v1/sync", kiosk(), h::sync_content},
      {get, "/api/v1/sync/live", kiosk(), h::sync_live},
      {post, "/api/v1/kiosks/{kiosk}/heartbeat", kiosk(Scope::own_device), h::heartbeat},
      {get, "/api/v1/kiosks", user(managers), h::list_kiosks},
      {post, "/api/v1/rating-links", kiosk(), h::issue_rating_link},
      {get, "/api/v1/public/rating-links/{token}", anyone(), h::rating_link_status},
      {post, "/api/v1/public/rating-links/{token}/rating", anyone(), h::rate_by_link},

      // Cases, notifications, suspect ratings
      {get, "/api/v1/cases", user(staff), h::list_cases},
      {get, "/api/v1/cases/{id}", user(staff, Scope::case_file), h::get_case},
      {get, "/api/v1/cases/{id}/source", user(staff, Scope::case_file), h::case_source},
      {post, "/api/v1/cases/{id}/evaluation", user(staff, Scope::case_file), h::evaluate_case},
      {post, "/api/v1/cases/{id}/{action}", user(staff, Scope::case_file), h::case_action},
      {get, "/api/v1/notifications", user(staff), h::list_notifications},
      {post, "/api/v1/notifications/{id}/read", user(staff), h::read_notification},
      {get, "/api/v1/ratings/suspect", user(bureau), h::suspect_ratings},
      {post, "/api/v1/ratings/{rating}/review", user(bureau), h::review_suspect},

      // Statistics, reports and public results
      {get, "/api/v1/stats", user(staff), h::stats},
      {get, "/api/v1/stats/ranking", user(bureau), h::ranking},
      {get, "/api/v1/reports/venues.csv", user(bureau), h::venues_csv},
      {get, "/api/v1/reports/cases.csv", user(bureau), h::cases_csv},
      {get, "/api/v1/reports/monthly.html", user(bureau), h::monthly_report},
      {get, "/api/v1/public/results", anyone(), h::public_results},
      {get, "/api/v1/public/complaints/{tracking}", anyone(), h::public_complaint},
      {post, "/api/v1/public/complaints/{tracking}/evaluation", anyone(), h::public_evaluation},

      // Night transport, car parks and calendars
      {get, "/api/v1/departures", anyone(), h::departures},
      {get, "/api/v1/kiosks/{kiosk}/departures", anyone(), h::kiosk_departures},
      {put, "/api/v1/kiosks/{kiosk}/stops", user(managers), h::set_kiosk_stops},
      {get, "/api/v1/transit/feed", anyone(), h::transit_feed},
      {get, "/api/v1/parking", anyone(), h::list_car_parks},
      {get, "/api/v1/parking/{id}", anyone(), h::get_car_park},
      {post, "/api/v1/parking", user(managers), h::create_car_park},
      {put, "/api/v1/parking/{id}", user(managers), h::replace_car_park},
      {post, "/api/v1/parking/{id}/spaces", user(managers), h::staff_spaces},
      {post, "/api/v1/parking/{id}/counts", counter(Scope::car_park_counter), h::counter_spaces},
      {get, "/api/v1/venues/{id}/calendar.ics", anyone(), h::venue_calendar},
      {post, "/api/v1/venues/{id}/calendar.ics", user(staff, Scope::venue), h::import_calendar},
      {get, "/api/v1/events/{id}.ics", anyone(), h::event_calendar},

      // The web console and public pages
      {get, "/", anyone(), h::redirect_to_console},
      {get, "/console", anyone(), h::redirect_to_console},
      {get, "/console/", anyone(), h::console_page},
      {get, "/results", anyone(), h::results_page},
      {get, "/c/{tracking}", anyone(), h::complaint_page},
      {get, "/r/{token}", anyone(), h::rating_page},
      {get, "/static/{file}", anyone(), h::static_file},
  };
  return table;
}

}  // namespace yeyou::http
