#pragma once
// Every service of the server, built from one database pool and the
// configuration. The HTTP layer and the CLI take the hub; tests build one on
// a temp database.
#include <memory>

#include "server/services/audit_service.hpp"
#include "server/services/case_service.hpp"
#include "server/services/contact_vault.hpp"
#include "server/services/feedback_intake.hpp"
#include "server/services/auth_service.hpp"
#include "server/services/complaint_service.hpp"
#include "server/services/content_service.hpp"
#include "server/services/event_service.hpp"
#include "server/services/heartbeat_service.hpp"
#include "server/services/ics_export_service.hpp"
#include "server/services/ics_import_service.hpp"
#include "server/services/notice_service.hpp"
#include "server/services/occupancy_service.hpp"
#include "server/services/parking_service.hpp"
#include "server/services/rating_link_service.hpp"
#include "server/services/rating_service.hpp"
#include "server/services/server_config.hpp"
#include "server/services/stats_service.hpp"
#include "server/services/sync_service.hpp"
#include "server/services/transit_service.hpp"
#include "server/services/venue_service.hpp"

namespace yeyou::services {

struct ServiceHub {
  ServiceHub(store::DbPool& pool, const ServerConfig& config);
  ~ServiceHub() { writer.set_observer(nullptr); }
  ServiceHub(const ServiceHub&) = delete;
  ServiceHub& operator=(const ServiceHub&) = delete;

  store::DbPool& pool;
  ServerConfig config;
  // Ratings and complaints are written through one durable, batching writer.
  store::GroupCommitter writer;
  ContactVault vault;
  InAppNotifier notifier;
  CaseService cases;
  FeedbackIntake intake;
  AuthService auth;
  AuditService audit;
  ContentService content;
  RatingService ratings;
  VenueService venues;
  EventService events;
  OccupancyService occupancy;
  NoticeService notices;
  ComplaintService complaints;
  SyncService sync;
  HeartbeatService heartbeats;
  StatsService stats;
  RatingLinkService rating_links;
  TransitService transit;
  ParkingService parking;
  IcsImportService ics_import;
  IcsExportService ics_export;
};

}  // namespace yeyou::services
