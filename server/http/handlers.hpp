#pragma once
// The handlers of the route table (route_table.cpp). Each decodes the
// request, calls a service and encodes the answer; access was decided before
// it runs, and errors it throws are mapped to answers in one place
// (json_response.hpp).
#include "server/http/route.hpp"

namespace yeyou::http::handlers {

void health(Exchange& x);
void login(Exchange& x);
void logout(Exchange& x);
void me(Exchange& x);
void list_users(Exchange& x);
void add_user(Exchange& x);
void list_devices(Exchange& x);
void revoke_device(Exchange& x);
void audit_log(Exchange& x);
void list_venues(Exchange& x);
void patch_venue(Exchange& x);
void create_events(Exchange& x);
void staff_occupancy(Exchange& x);
void usual_occupancy(Exchange& x);
void list_events(Exchange& x);
void get_event(Exchange& x);
void patch_event(Exchange& x);
void counter_reading(Exchange& x);
void list_notices(Exchange& x);
void issue_notice(Exchange& x);
void expire_notice(Exchange& x);
void changes(Exchange& x);
void submit_rating(Exchange& x, Reply reply);
void submit_complaint(Exchange& x);
void sync_content(Exchange& x);
void sync_live(Exchange& x);
void heartbeat(Exchange& x);
void list_kiosks(Exchange& x);
void issue_rating_link(Exchange& x);
void rating_link_status(Exchange& x);
void rate_by_link(Exchange& x);
void list_cases(Exchange& x);
void get_case(Exchange& x);
void case_source(Exchange& x);
void evaluate_case(Exchange& x);
void case_action(Exchange& x);
void list_notifications(Exchange& x);
void read_notification(Exchange& x);
void suspect_ratings(Exchange& x);
void review_suspect(Exchange& x);
void stats(Exchange& x);
void ranking(Exchange& x);
void venues_csv(Exchange& x);
void cases_csv(Exchange& x);
void monthly_report(Exchange& x);
void public_results(Exchange& x);
void public_complaint(Exchange& x);
void public_evaluation(Exchange& x);
void departures(Exchange& x);
void kiosk_departures(Exchange& x);
void set_kiosk_stops(Exchange& x);
void transit_feed(Exchange& x);
void list_car_parks(Exchange& x);
void get_car_park(Exchange& x);
void create_car_park(Exchange& x);
void replace_car_park(Exchange& x);
void staff_spaces(Exchange& x);
void counter_spaces(Exchange& x);
void venue_calendar(Exchange& x);
void import_calendar(Exchange& x);
void event_calendar(Exchange& x);
void redirect_to_console(Exchange& x);
void redirect_to_console(Exchange& x);
void console_page(Exchange& x);
void results_page(Exchange& x);
void complaint_page(Exchange& x);
void rating_page(Exchange& x);
void static_file(Exchange& x);

}  // namespace yeyou::http::handlers

namespace yeyou::http {

// X-Frame-Options, Referrer-Policy, and a Content-Security-Policy on HTML.
void add_security_headers(const Request& req, Response& res);

}  // namespace yeyou::http
