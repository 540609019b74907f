/* test-station-layer.c — the stations layer of the map page as a person sees
 * it: one station of each kind with known readings, drawn in the colour of
 * its band; a click opens the popover with the readings, band and sparkline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <libsoup/soup.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ioc-format.h"
#include "ioc-map-page.h"
#include "ioc-mercator.h"
#include "ioc-station-layer.h"

typedef struct {
  const char     *id;
  const char     *name;
  IocStationKind  kind;
  double          lat, lon;
  guint32         expected_rgb;   /* fill colour of the band */
  const char     *expected_band;  /* substring of the popover's band line */
} StationCase;

/* PM2.5 40 µg/m³ → sub-index ≈ 80, Moderate (yellow, QĐ 1459);
 * 4.2 m with BĐ 3.5/4.0/4.5 → BĐ2 (orange); 5 ‰ → red; 0.4 ‰ → green;
 * a clean water sample → a WQI band colour from ioc_wqi_band_rgb;
 * no reading → grey. */
static const StationCase cases[] = {
  { "1", "Long Xuyên air", IOC_STATION_KIND_AIR, 10.38, 105.43, 0xffff00, "Moderate" },
  { "2", "Tân Châu", IOC_STATION_KIND_HYDRO, 10.80, 105.24, 0xff7e00, "Alarm level 2" },
  { "3", "Rạch Giá salinity", IOC_STATION_KIND_SALINITY, 10.01, 105.09, 0xff0000, "4 ‰ or more" },
  { "4", "Hà Tiên salinity", IOC_STATION_KIND_SALINITY, 10.38, 104.49, 0x00e400, "Below 1 ‰" },
  { "5", "Châu Đốc water", IOC_STATION_KIND_WATER, 10.70, 105.12, 0, "WQI" },
  { "6", "Tri Tôn air", IOC_STATION_KIND_AIR, 10.42, 104.99, 0x9a9996, "No data" },
};

static void
add_stream (IocStation   *station,
            const char   *id,
            IocParameter  parameter,
            const char   *unit,
            double        value,
            gint64        when)
{
  g_autoptr(IocDatastream) ds = ioc_datastream_new (id);
  g_autoptr(IocObservation) obs = ioc_observation_new (when, TRUE, value);

  ioc_datastream_set_parameter (ds, parameter);
  ioc_datastream_set_unit_symbol (ds, unit);
  ioc_datastream_set_latest (ds, obs);
  ioc_station_add_datastream (station, ds);
}

static GListModel *
make_stations (void)
{
  GListStore *store = g_list_store_new (IOC_TYPE_STATION);
  gint64 now = g_get_real_time ();
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(IocStation) s = ioc_station_new (cases[i].id);

      ioc_station_set_name (s, cases[i].name);
      ioc_station_set_kind (s, cases[i].kind);
      ioc_station_set_location (s, cases[i].lat, cases[i].lon);
      g_list_store_append (store, s);
    }
  {
    g_autoptr(IocStation) s = g_list_model_get_item (G_LIST_MODEL (store), 0);

    add_stream (s, "1a", IOC_PARAMETER_PM25, "µg/m³", 40, now - G_TIME_SPAN_HOUR);
  }
  {
    g_autoptr(IocStation) s = g_list_model_get_item (G_LIST_MODEL (store), 1);

    g_assert_true (ioc_station_set_alarm_levels (s, 3.5, 4.0, 4.5));
    add_stream (s, "2a", IOC_PARAMETER_WATER_LEVEL, "m", 4.2, now - G_TIME_SPAN_HOUR);
  }
  {
    g_autoptr(IocStation) s = g_list_model_get_item (G_LIST_MODEL (store), 2);

    add_stream (s, "3a", IOC_PARAMETER_SALINITY, "‰", 5, now - G_TIME_SPAN_HOUR);
  }
  {
    g_autoptr(IocStation) s = g_list_model_get_item (G_LIST_MODEL (store), 3);

    add_stream (s, "4a", IOC_PARAMETER_SALINITY, "‰", 0.4, now - G_TIME_SPAN_HOUR);
  }
  {
    g_autoptr(IocStation) s = g_list_model_get_item (G_LIST_MODEL (store), 4);

    add_stream (s, "5a", IOC_PARAMETER_PH, "", 7.2, now - G_TIME_SPAN_HOUR);
    add_stream (s, "5b", IOC_PARAMETER_AS, "mg/L", 0.005, now - G_TIME_SPAN_HOUR);
    add_stream (s, "5c", IOC_PARAMETER_BOD5, "mg/L", 3, now - G_TIME_SPAN_HOUR);
    add_stream (s, "5d", IOC_PARAMETER_COD, "mg/L", 8, now - G_TIME_SPAN_HOUR);
    add_stream (s, "5e", IOC_PARAMETER_N_NH4, "mg/L", 0.2, now - G_TIME_SPAN_HOUR);
    add_stream (s, "5f", IOC_PARAMETER_COLIFORM, "MPN/100mL", 2000, now - G_TIME_SPAN_HOUR);
  }
  return G_LIST_MODEL (store);
}

static GdkTexture *
render (GtkWidget  *widget,
        const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  GdkTexture *texture;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  g_autofree char *path = NULL;
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);

  gint64 until = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;

  /* Nothing to render until the widget has drawn its first frame: on a slow
   * run (valgrind) that can take a while. */
  for (;;)
    {
      gdk_paintable_snapshot (paintable, snapshot, w, h);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node != NULL || g_get_monotonic_time () > until)
        break;
      g_main_context_iteration (NULL, FALSE);
      snapshot = gtk_snapshot_new ();
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  path = g_build_filename (g_getenv ("IOC_BUILD_DIR"), "tests", "map", name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s", path);
  return texture;
}

static guint32
texture_pixel (GdkTexture *texture,
               int         x,
               int         y)
{
  int w = gdk_texture_get_width (texture), h = gdk_texture_get_height (texture);
  g_autofree guint8 *data = g_malloc ((gsize) w * h * 4);
  const guint8 *p;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, w);
  g_assert_cmpint (y, <, h);
  gdk_texture_download (texture, data, (gsize) w * 4);
  p = data + (gsize) y * w * 4 + 4 * x;
  /* GDK_MEMORY_DEFAULT: B, G, R, A bytes on little endian. */
  return (p[2] << 16) | (p[1] << 8) | p[0];
}

static gboolean
close_rgb (guint32 a,
           guint32 b)
{
  for (int shift = 0; shift < 24; shift += 8)
    if (ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)) > 3)
      return FALSE;
  return TRUE;
}

/* Pixels of the sparkline's blue (#1c70d9) in @texture. */
static guint
count_line_pixels (GdkTexture *texture)
{
  int w = gdk_texture_get_width (texture), h = gdk_texture_get_height (texture);
  g_autofree guint8 *data = g_malloc ((gsize) w * h * 4);
  guint n = 0;
  int i;

  gdk_texture_download (texture, data, (gsize) w * 4);
  for (i = 0; i < w * h; i++)
    {
      const guint8 *p = data + 4 * i;

      if (p[3] > 200 && close_rgb ((p[2] << 16) | (p[1] << 8) | p[0], 0x1c70d9))
        n++;
    }
  return n;
}

static void
wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* Slow machines and valgrind: wait for a condition rather than a fixed time. */
#define WAIT_FOR(cond) \
  G_STMT_START { \
    gint64 until_ = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND; \
    while (!(cond) && g_get_monotonic_time () < until_) \
      g_main_context_iteration (NULL, FALSE); \
    g_assert_true (cond); \
  } G_STMT_END

static void
collect_text (GtkWidget *widget,
              GString   *out)
{
  GtkWidget *child;

  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_text (child, out);
}

/* A history source for the sparkline: a tide-like curve over 24 hours,
 * delivered from an idle like a real fetch would. */
typedef struct {
  IocStationHistoryReady ready;
  gpointer               ready_data;
  guint                 *calls;
} HistoryCall;

static gboolean
deliver_history (gpointer data)
{
  HistoryCall *call = data;
  g_autoptr(GPtrArray) obs = g_ptr_array_new_with_free_func ((GDestroyNotify) ioc_observation_free);
  gint64 now = g_get_real_time ();
  int i;

  for (i = 24; i >= 0; i--)
    g_ptr_array_add (obs, ioc_observation_new (now - i * G_TIME_SPAN_HOUR, TRUE,
                                               3.8 + 0.4 * sin (i / 24.0 * 2 * G_PI)));
  call->ready (obs, call->ready_data);
  (*call->calls)++;
  g_free (call);
  return G_SOURCE_REMOVE;
}

static void
fake_history (IocStation             *station,
              IocDatastream          *datastream,
              GDateTime              *since,
              GCancellable           *cancellable,
              IocStationHistoryReady  ready,
              gpointer                ready_data,
              gpointer                user_data)
{
  HistoryCall *call = g_new0 (HistoryCall, 1);

  g_assert_cmpint (ioc_datastream_get_parameter (datastream), ==, IOC_PARAMETER_WATER_LEVEL);
  call->ready = ready;
  call->ready_data = ready_data;
  call->calls = user_data;
  g_idle_add (deliver_history, call);
}

/* Serves the last 24 hours in pages of 8 readings, each with an
 * @iot.nextLink to the next (feeds.md §2), as SensorThings servers do. */
static guint sta_requests;

static void
sta_handler (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  char **out = user_data;
  GUri *uri = soup_server_message_get_uri (msg);
  g_autoptr(GString) body = g_string_new ("{");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  const char *skip_s = query != NULL ? g_hash_table_lookup (query, "$skip") : NULL;
  int skip = skip_s != NULL ? atoi (skip_s) : 0;
  int i;

  sta_requests++;
  g_free (*out);
  *out = g_strdup_printf ("%s?%s", g_uri_get_path (uri), g_uri_get_query (uri));
  if (skip + 8 < 24)
    {
      g_autoptr(GUri) next = NULL;
      g_autofree char *next_query = NULL;
      g_autofree char *next_s = NULL;
      g_autofree char *base_query = g_strdup (g_uri_get_query (uri));
      char *amp = strstr (base_query, "&$skip=");

      if (amp != NULL)
        *amp = '\0';
      next_query = g_strdup_printf ("%s&$skip=%d", base_query, skip + 8);
      next = soup_uri_copy (uri, SOUP_URI_QUERY, next_query, SOUP_URI_NONE);
      next_s = g_uri_to_string (next);
      g_string_append_printf (body, "\"@iot.nextLink\":\"%s\",", next_s);
    }
  g_string_append (body, "\"value\":[");
  for (i = 23 - skip; i >= MAX (0, 23 - skip - 7); i--)
    {
      g_autoptr(GDateTime) t = g_date_time_add_hours (now, -i);
      g_autofree char *iso = g_date_time_format (t, "%Y-%m-%dT%H:%M:%SZ");

      g_string_append_printf (body, "%s{\"@iot.id\":%d,\"phenomenonTime\":\"%s\",\"result\":%.2f}",
                              i == 23 - skip ? "" : ",", 100 + i, iso, 3.6 + 0.03 * (23 - i));
    }
  g_string_append (body, "]}");
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body->str, body->len);
}

static SoupServer *
start_sta_server (char **base,
                  char **query)
{
  SoupServer *server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  GSList *uris;
  g_autofree char *root = NULL;

  soup_server_add_handler (server, NULL, sta_handler, query, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  root = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  *base = g_strconcat (root, g_str_has_suffix (root, "/") ? "" : "/", "sta/v1.1/", NULL);
  return server;
}

/* The map page of @stations alone (no tiles from the network, no
 * boundaries), in a 1000×800 window, at @lat, @lon, @zoom, once every
 * station has been drawn. Returns: the window; *@layer: the stations. */
static GtkWidget *
open_stations_page (GSettings        *settings,
                    GListModel       *complaints,
                    GListModel       *stations,
                    double            lat,
                    double            lon,
                    double            zoom,
                    IocStationLayer **layer)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page;
  double x, y;

  g_settings_set_string (settings, "map-tile-url", "");
  g_settings_set_string (settings, "boundary-file", "");
  g_settings_set_string (settings, "environment-url", "");
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 800);
  page = ioc_map_page_new (settings, complaints, stations);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  wait_ms (300);
  *layer = IOC_STATION_LAYER (ioc_map_page_get_station_layer (IOC_MAP_PAGE (page)));
  WAIT_FOR (gtk_widget_get_mapped (window) && gtk_widget_get_width (GTK_WIDGET (*layer)) > 0);
  ioc_map_page_go_to (IOC_MAP_PAGE (page), lat, lon, zoom);
  wait_ms (1200);
  WAIT_FOR (ioc_station_layer_get_point (*layer, g_list_model_get_n_items (stations) - 1, &x, &y));
  return window;
}

static void
test_stations (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("vn.gov.angiang.IocDashboard");
  g_autoptr(GListStore) complaints = g_list_store_new (IOC_TYPE_COMPLAINT);
  g_autoptr(GListModel) stations = make_stations ();
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkTexture) popover_png = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *value = NULL;
  IocStationLayer *layer;
  GtkPopover *popover;
  GtkWidget *window;
  guint history_calls = 0;
  double x, y;
  guint i;

  window = open_stations_page (settings, G_LIST_MODEL (complaints), stations, 10.4, 104.95, 9, &layer);
  texture = render (window, "map-stations.png");
  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(IocStation) station = g_list_model_get_item (stations, i);
      IocStationBand band;
      graphene_point_t p;
      guint32 expected = cases[i].expected_rgb, got;

      ioc_station_band_compute (station, &band);
      g_test_message ("%s: %s", cases[i].name, band.label);
      g_assert_nonnull (strstr (band.label, cases[i].expected_band));
      if (expected == 0)
        {
          /* Water: whatever WQI band, it must be a real one. */
          g_assert_true (band.has_data);
          g_assert_cmpint (band.level, >=, 0);
          expected = ((guint32) (band.colour.red * 255 + 0.5) << 16)
                     | ((guint32) (band.colour.green * 255 + 0.5) << 8)
                     | (guint32) (band.colour.blue * 255 + 0.5);
        }
      ioc_station_band_clear (&band);

      g_assert_true (ioc_station_layer_get_point (layer, i, &x, &y));
      g_assert_true (gtk_widget_compute_point (GTK_WIDGET (layer), window,
                                               &GRAPHENE_POINT_INIT (x, y), &p));
      /* Below the centre: inside every shape, away from the "no data" slash. */
      got = texture_pixel (texture, (int) p.x, (int) p.y + 5);
      g_test_message ("%s at %.0f,%.0f: %06x, expected %06x", cases[i].name, p.x, p.y, got, expected);
      g_assert_true (close_rgb (got, expected));
      /* The layer is what a click there reaches. */
      g_assert_true (gtk_widget_pick (window, p.x, p.y, GTK_PICK_DEFAULT) == GTK_WIDGET (layer));
    }

  /* Click on Tân Châu without a history source. */
  g_assert_true (ioc_station_layer_get_point (layer, 1, &x, &y));
  g_assert_false (ioc_station_layer_activate_at (layer, x + 40, y + 40));
  g_assert_true (ioc_station_layer_activate_at (layer, x, y));
  popover = ioc_station_layer_get_popover (layer);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (popover)) && gtk_widget_get_width (GTK_WIDGET (popover)) > 0);
  wait_ms (300);
  collect_text (GTK_WIDGET (popover), text);
  g_test_message ("popover:\n%s", text->str);
  value = ioc_format_decimal (ioc_format_style_default (), 4.2, 2);
  g_assert_nonnull (strstr (text->str, "Tân Châu"));
  g_assert_nonnull (strstr (text->str, "Water level"));
  g_assert_nonnull (strstr (text->str, "Band: Alarm level 2"));
  g_assert_nonnull (strstr (text->str, "water_level: "));
  g_assert_nonnull (strstr (text->str, value));
  g_assert_nonnull (strstr (text->str, "Last 24 hours: water_level"));
  g_clear_object (&popover_png);
  popover_png = render (GTK_WIDGET (popover), "map-station-popover-no-history.png");
  g_assert_cmpuint (count_line_pixels (popover_png), ==, 0);
  gtk_popover_popdown (popover);
  wait_ms (200);

  /* With a history source the sparkline is drawn from its observations. */
  ioc_station_layer_set_history_func (layer, fake_history, &history_calls, NULL);
  g_assert_true (ioc_station_layer_activate_at (layer, x, y));
  WAIT_FOR (history_calls == 1 && gtk_widget_get_mapped (GTK_WIDGET (popover)));
  wait_ms (300);
  g_assert_cmpuint (history_calls, ==, 1);
  g_clear_object (&popover_png);
  popover_png = render (GTK_WIDGET (popover), "map-station-popover.png");
  g_assert_cmpuint (count_line_pixels (popover_png), >, 100);
  gtk_popover_popdown (popover);

  /* The SensorThings history source: the popover asks the server for the
   * datastream's last 24 hours and draws what comes back. */
  {
    g_autofree char *base = NULL;
    g_autofree char *query = NULL;
    SoupServer *server = start_sta_server (&base, &query);

    ioc_station_layer_set_sta_history (layer, base);
    g_assert_true (ioc_station_layer_get_point (layer, 1, &x, &y));
    sta_requests = 0;
    g_assert_true (ioc_station_layer_activate_at (layer, x, y));
    WAIT_FOR (ioc_station_layer_get_sparkline_points (layer) >= 0);
    wait_ms (500);
    /* Three pages, every reading of the 24 hours drawn. */
    g_assert_cmpuint (sta_requests, ==, 3);
    g_assert_cmpint (ioc_station_layer_get_sparkline_points (layer), ==, 24);
    g_assert_nonnull (strstr (query, "$skip=16"));
    g_test_message ("history request: %s", query);
    g_assert_nonnull (query);
    g_assert_true (g_str_has_prefix (query, "/sta/v1.1/Datastreams('2a')/Observations?"));
    g_assert_nonnull (strstr (query, "$filter=phenomenonTime%20gt%20"));
    g_assert_nonnull (strstr (query, "$orderby=phenomenonTime%20asc"));
    g_clear_object (&popover_png);
    popover_png = render (GTK_WIDGET (popover), "map-station-popover-sta.png");
    g_assert_cmpuint (count_line_pixels (popover_png), >, 100);
    gtk_popover_popdown (popover);
    ioc_station_layer_set_sta_history (layer, NULL);
    g_object_unref (server);
  }

  /* A new reading merged in place (as the feed does) recolours Hà Tiên. */
  {
    g_autoptr(IocStation) station = g_list_model_get_item (stations, 3);
    IocDatastream *ds = ioc_station_find_datastream (station, "4a");
    g_autoptr(IocObservation) obs = ioc_observation_new (g_get_real_time (), TRUE, 2.5);
    g_autoptr(GdkTexture) after = NULL;
    graphene_point_t p;

    ioc_datastream_set_latest (ds, obs);
    wait_ms (300);
    after = render (window, "map-stations-updated.png");
    g_assert_true (ioc_station_layer_get_point (layer, 3, &x, &y));
    g_assert_true (gtk_widget_compute_point (GTK_WIDGET (layer), window,
                                             &GRAPHENE_POINT_INIT (x, y), &p));
    g_assert_true (close_rgb (texture_pixel (after, (int) p.x, (int) p.y + 5), 0xff7e00));
  }

  /* Hidden (what the "Monitoring stations" toggle does), nothing is drawn
   * and nothing is hit. */
  ioc_station_layer_set_history_func (layer, NULL, NULL, NULL);
  g_assert_true (ioc_station_layer_get_point (layer, 2, &x, &y));
  gtk_widget_set_visible (GTK_WIDGET (layer), FALSE);
  wait_ms (300);
  {
    g_autoptr(GdkTexture) hidden = render (window, "map-stations-hidden.png");
    graphene_point_t p;

    gtk_widget_set_visible (GTK_WIDGET (layer), TRUE);
    wait_ms (300);
    g_assert_true (gtk_widget_compute_point (GTK_WIDGET (layer), window,
                                             &GRAPHENE_POINT_INIT (x, y), &p));
    g_assert_false (close_rgb (texture_pixel (hidden, (int) p.x, (int) p.y + 5), 0xff0000));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  wait_ms (100);
}

/* Two stations at one commune office (an air and a salinity station at
 * the same point, and a third 100 m away) are drawn side by side on a
 * small ring, each in its band's colour and each opening its own popover;
 * a station on its own stays on its point. */
static void
test_overlapping (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("vn.gov.angiang.IocDashboard");
  g_autoptr(GListStore) complaints = g_list_store_new (IOC_TYPE_COMPLAINT);
  GListStore *store = g_list_store_new (IOC_TYPE_STATION);
  g_autoptr(GListModel) stations = G_LIST_MODEL (store);
  g_autoptr(GdkTexture) texture = NULL;
  static const struct { const char *id, *name; IocStationKind kind; double lat, lon; } at[] = {
    { "A", "Office air", IOC_STATION_KIND_AIR, 10.3800, 105.4300 },
    { "B", "Office salinity", IOC_STATION_KIND_SALINITY, 10.3800, 105.4300 },
    { "C", "Office salinity 2", IOC_STATION_KIND_SALINITY, 10.3809, 105.4300 },
    { "D", "Alone", IOC_STATION_KIND_SALINITY, 10.3000, 105.3500 },
  };
  static const double values[] = { 40, 5, 0.4, 5 };   /* yellow, red, green, red */
  static const guint32 colours[] = { 0xffff00, 0xff0000, 0x00e400, 0xff0000 };
  gint64 now = g_get_real_time ();
  double x[G_N_ELEMENTS (at)], y[G_N_ELEMENTS (at)];
  IocStationLayer *layer;
  GtkWidget *window;

  for (guint i = 0; i < G_N_ELEMENTS (at); i++)
    {
      g_autoptr(IocStation) st = ioc_station_new (at[i].id);

      ioc_station_set_name (st, at[i].name);
      ioc_station_set_kind (st, at[i].kind);
      ioc_station_set_location (st, at[i].lat, at[i].lon);
      if (at[i].kind == IOC_STATION_KIND_AIR)
        add_stream (st, "pm", IOC_PARAMETER_PM25, "µg/m³", values[i], now - G_TIME_SPAN_HOUR);
      else
        add_stream (st, "sal", IOC_PARAMETER_SALINITY, "‰", values[i], now - G_TIME_SPAN_HOUR);
      g_list_store_append (store, st);
    }
  window = open_stations_page (settings, G_LIST_MODEL (complaints), stations, 10.36, 105.40, 12, &layer);
  texture = render (window, "map-stations-overlapping.png");
  for (guint i = 0; i < G_N_ELEMENTS (at); i++)
    {
      graphene_point_t p;

      g_assert_true (ioc_station_layer_get_point (layer, i, &x[i], &y[i]));
      g_assert_true (gtk_widget_compute_point (GTK_WIDGET (layer), window, &GRAPHENE_POINT_INIT (x[i], y[i]), &p));
      g_test_message ("%s drawn at %.1f,%.1f", at[i].name, x[i], y[i]);
      g_assert_true (close_rgb (texture_pixel (texture, (int) p.x, (int) p.y + 3), colours[i]));
    }
  /* The three at the office apart, no symbol over another. */
  for (guint i = 0; i < 3; i++)
    for (guint j = i + 1; j < 3; j++)
      g_assert_cmpfloat (hypot (x[i] - x[j], y[i] - y[j]), >=, 18);
  /* The lone station where it is. */
  {
    ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (layer));
    double world = ioc_mercator_world_size (shumate_viewport_get_zoom_level (viewport));
    double cx, cy, sx, sy, px, py;

    ioc_mercator_project (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                          shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), &cx, &cy);
    ioc_mercator_project (at[3].lat, at[3].lon, &sx, &sy);
    px = (sx - cx) * world + gtk_widget_get_width (GTK_WIDGET (layer)) / 2.0;
    py = (sy - cy) * world + gtk_widget_get_height (GTK_WIDGET (layer)) / 2.0;
    g_assert_cmpfloat (fabs (x[3] - px), <, 1.0);
    g_assert_cmpfloat (fabs (y[3] - py), <, 1.0);
  }
  /* Each opens its own popover. */
  for (guint i = 0; i < 3; i++)
    {
      GtkPopover *popover;
      g_autoptr(GString) text = g_string_new (NULL);

      g_assert_true (ioc_station_layer_activate_at (layer, x[i], y[i]));
      popover = ioc_station_layer_get_popover (layer);
      WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (popover)));
      wait_ms (200);
      collect_text (GTK_WIDGET (popover), text);
      g_assert_nonnull (strstr (text->str, at[i].name));
      if (i < 2)
        g_assert_null (strstr (text->str, at[2].name));
      gtk_popover_popdown (popover);
      wait_ms (150);
    }
  gtk_window_destroy (GTK_WINDOW (window));
  wait_ms (100);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/map/stations/bands-and-popover", test_stations);
  g_test_add_func ("/map/stations/overlapping", test_overlapping);
  return g_test_run ();
}
