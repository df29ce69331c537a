/* The libmicrohttpd candidate for the server's front door, measured against
 * the Beast server before choosing (docs/benchmarks.md, "Front door: choosing
 * the HTTP library"). It answers GET /api/v1/health with the same JSON body,
 * with MHD's own event loop (epoll), a thread pool of one thread per core,
 * a connection timeout and a per-address connection limit: the features the
 * front door needs, as MHD offers them.
 * Build: cc -O2 mhd_health.c -o mhd_health $(pkg-config --cflags --libs libmicrohttpd)
 * Usage: mhd_health PORT */
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char kBody[] = "{\"status\":\"ok\",\"time\":\"2026-12-02T20:00:00+08:00\",\"version\":\"0.1.0\"}";

static enum MHD_Result answer(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                              const char *version, const char *upload, size_t *upload_size, void **state) {
  (void)cls; (void)version; (void)upload; (void)upload_size; (void)state;
  int ok = strcmp(method, "GET") == 0 && strcmp(url, "/api/v1/health") == 0;
  struct MHD_Response *r = MHD_create_response_from_buffer(ok ? sizeof kBody - 1 : 0, (void *)kBody,
                                                           MHD_RESPMEM_PERSISTENT);
  MHD_add_response_header(r, "Content-Type", "application/json; charset=utf-8");
  MHD_add_response_header(r, "Cache-Control", "no-store");
  enum MHD_Result ret = MHD_queue_response(c, ok ? MHD_HTTP_OK : MHD_HTTP_NOT_FOUND, r);
  MHD_destroy_response(r);
  return ret;
}

int main(int argc, char **argv) {
  if (argc < 2) return 2;
  unsigned cores = (unsigned)sysconf(_SC_NPROCESSORS_ONLN);
  struct MHD_Daemon *d = MHD_start_daemon(
      MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_TURBO, (uint16_t)atoi(argv[1]), NULL, NULL, answer, NULL,
      MHD_OPTION_THREAD_POOL_SIZE, cores, MHD_OPTION_CONNECTION_TIMEOUT, 60u,
      MHD_OPTION_CONNECTION_LIMIT, 20000u, MHD_OPTION_PER_IP_CONNECTION_LIMIT, 256u, MHD_OPTION_END);
  if (!d) return 1;
  fprintf(stderr, "mhd listening on %s\n", argv[1]);
  pause();
  MHD_stop_daemon(d);
  return 0;
}
