/* sim-test-server.h — run the simulator in a thread and talk to it over HTTP
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "ioc-sim-server.h"

typedef struct _SimTestServer SimTestServer;

SimTestServer *sim_test_server_start (const IocSimConfig *config);
void           sim_test_server_stop  (SimTestServer *self);
const char    *sim_test_server_url   (SimTestServer *self);
GBytes        *sim_test_get          (SimTestServer *self,
                                      const char    *path,
                                      guint         *status,
                                      SoupMessageHeaders **headers);
GBytes        *sim_test_request      (SimTestServer *self,
                                      const char    *method,
                                      const char    *path,
                                      const char    *content_type,
                                      const char    *body,
                                      const char    *if_none_match,
                                      guint         *status);
JsonNode      *sim_test_get_json     (SimTestServer *self,
                                      const char    *path,
                                      guint          expected_status);
