/* ioc-map-page.c — the Bản đồ page: complaints, stations and communes on a
 * map that still works without a network
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <shumate/shumate.h>

#include "ioc-base-geography.h"
#include "ioc-calendar.h"
#include "ioc-cluster-index.h"
#include "ioc-commune-layer.h"
#include "ioc-complaint-layer.h"
#include "ioc-date-time.h"
#include "ioc-deadline.h"
#include "ioc-field.h"
#include "ioc-fold.h"
#include "ioc-geo-json.h"
#include "ioc-accessible.h"
#include "ioc-map-page.h"
#include "ioc-mercator.h"
#include "ioc-offline-map-source.h"
#include "ioc-resources.h"
#include "ioc-station-layer.h"
#include "ioc-tile-downloader.h"

/* Data flow: the complaints model (through the shared filter) is turned into
 * an IocClusterIndex whenever it changes — coalesced, so a feed refresh of
 * 100 000 items costs one rebuild — and handed to the complaint layer. The
 * base map starts online when a tile URL is set; the first failures with
 * nothing loaded switch it to the offline source for the rest of the session
 * and say so on the map. */

#define REBUILD_DELAY_MS 150
/* With nothing loaded yet, this many failed tiles mean "no tile server". */
#define FAILURES_BEFORE_FALLBACK 3

/* The province after 1 July 2025, Thổ Châu to Tân Châu (domain.md §2): used
 * when no boundary file is configured. */
#define PROVINCE_MIN_LAT 9.15
#define PROVINCE_MAX_LAT 10.98
#define PROVINCE_MIN_LON 103.42
#define PROVINCE_MAX_LON 105.62

struct _IocMapPage
{
  GtkWidget           parent_instance;

  GtkMenuButton      *layers_button;
  GtkCheckButton     *complaints_check;
  GtkCheckButton     *stations_check;
  GtkCheckButton     *communes_check;
  GtkToggleButton    *heat_button;
  GtkDropDown        *choropleth_dropdown;
  GtkSearchEntry     *commune_search;
  GtkToggleButton    *follow_button;
  GtkOverlay         *overlay;
  ShumateSimpleMap   *map;
  GtkLabel           *offline_label;
  GtkBox             *legend;

  GSettings          *settings;
  GtkFilterListModel *filtered;
  GListModel         *stations;

  IocComplaintLayer  *complaint_layer;
  IocCommuneLayer    *commune_layer;
  IocCommuneLayer    *commune_names;     /* above every other layer */
  IocStationLayer    *station_layer;
  IocGeoJson         *boundaries;        /* nullable */
  GHashTable         *feature_by_code;   /* code → index + 1 */
  IocBaseGeography   *geography;         /* nullable when the resource fails */
  ShumateMapSource   *online_source;
  ShumateMapSource   *offline_source;
  IocTileDownloader  *downloader;
  gboolean            offline;

  IocCalendar        *calendar;
  GDateTime          *now;               /* nullable: the wall clock */
  /* Received time of the newest complaint seen (µs since the epoch), so
   * that "follow" moves to arrivals only, not to updates or refilters. */
  gint64              newest_seen;
  IocMapOverdueFunc   overdue_func;
  gpointer            overdue_data;
  GDestroyNotify      overdue_destroy;

  IocMapChoropleth    choropleth;
  guint              *per_commune;       /* complaints, per feature */
  guint              *per_commune_overdue;
  guint               rebuild_id;
  GtkPopover         *list_popover;
  GtkPopover         *search_popover;

  /* The province view, fitted to the map's size once it is known and again
   * when the size changes while nobody has moved the map since. */
  gboolean            fit_auto;
  guint               fit_id;
  int                 fit_w, fit_h;
  double              fit_lat, fit_lon, fit_zoom;
};

G_DEFINE_FINAL_TYPE (IocMapPage, ioc_map_page, GTK_TYPE_WIDGET)

enum { COMPLAINT_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* --- overdue -------------------------------------------------------------- */

/* domain.md §3: overdue = open and past the due time; the due time is the
 * server's expected_datetime when sent, else the field's tier counted in
 * working days on the calendar (ioc-deadline). */
static gboolean
default_overdue (IocComplaint *complaint,
                 GDateTime    *now,
                 gpointer      user_data)
{
  IocMapPage *self = user_data;
  GDateTime *received = ioc_complaint_get_requested_datetime (complaint);
  IocSlaTier tier = IOC_SLA_TIER_THONG_THUONG;
  IocField field;
  g_autoptr(IocDeadline) deadline = NULL;

  if (!ioc_complaint_is_open (complaint))
    return FALSE;
  if (received == NULL)
    {
      GDateTime *expected = ioc_complaint_get_expected_datetime (complaint);

      return expected != NULL && g_date_time_compare (now, expected) > 0;
    }
  if (ioc_field_from_code (ioc_complaint_get_service_code (complaint), &field))
    tier = ioc_field_info (field)->sla_tier;
  if (self->calendar == NULL)
    self->calendar = ioc_calendar_new_default ();
  deadline = ioc_deadline_compute (self->calendar, received, tier,
                                   ioc_complaint_get_expected_datetime (complaint));
  return deadline != NULL && ioc_deadline_is_overdue (deadline, TRUE, now);
}

/* --- complaints ----------------------------------------------------------- */

static int
feature_for (IocMapPage   *self,
             IocComplaint *complaint)
{
  const char *code = ioc_complaint_get_commune_code (complaint);
  gpointer v;

  if (self->boundaries == NULL)
    return -1;
  if (code != NULL && (v = g_hash_table_lookup (self->feature_by_code, code)) != NULL)
    return GPOINTER_TO_INT (v) - 1;
  /* No code from the feed: find the commune by position. */
  return ioc_geo_json_find_at (self->boundaries, ioc_complaint_get_lat (complaint),
                               ioc_complaint_get_long (complaint));
}

static void
update_choropleth (IocMapPage *self)
{
  guint n = self->boundaries ? ioc_geo_json_get_n_features (self->boundaries) : 0;

  if (self->choropleth == IOC_MAP_CHOROPLETH_NONE || n == 0 || self->per_commune == NULL)
    ioc_commune_layer_set_values (self->commune_layer, NULL, 0);
  else
    ioc_commune_layer_set_values (self->commune_layer,
                                  self->choropleth == IOC_MAP_CHOROPLETH_COMPLAINTS
                                  ? self->per_commune : self->per_commune_overdue, n);
}

static void rebuild_legend (IocMapPage *self);

/**
 * ioc_map_page_rebuild_now:
 *
 * Re-clusters the (filtered) complaints at once instead of after the
 * coalescing delay: for tests and benchmarks.
 */
void
ioc_map_page_rebuild_now (IocMapPage *self)
{
  GListModel *model = G_LIST_MODEL (self->filtered);
  guint n = g_list_model_get_n_items (model);
  g_autofree IocClusterPoint *points = g_new (IocClusterPoint, MAX (n, 1));
  g_autoptr(GPtrArray) ids = g_ptr_array_new_full (n, g_free);
  g_autoptr(GDateTime) now = self->now ? g_date_time_ref (self->now) : g_date_time_new_now_utc ();
  g_autoptr(IocClusterIndex) index = NULL;
  guint n_features = self->boundaries ? ioc_geo_json_get_n_features (self->boundaries) : 0;
  guint i, m = 0;

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_clear_pointer (&self->per_commune, g_free);
  g_clear_pointer (&self->per_commune_overdue, g_free);
  if (n_features > 0)
    {
      self->per_commune = g_new0 (guint, n_features);
      self->per_commune_overdue = g_new0 (guint, n_features);
    }

  for (i = 0; i < n; i++)
    {
      g_autoptr(IocComplaint) c = g_list_model_get_item (model, i);
      gboolean overdue;
      int f;

      if (!ioc_complaint_get_has_location (c))
        continue;
      overdue = self->overdue_func (c, now, self->overdue_data);
      points[m].lat = ioc_complaint_get_lat (c);
      points[m].lon = ioc_complaint_get_long (c);
      points[m].status = ioc_complaint_get_status (c);
      points[m].overdue = overdue;
      g_ptr_array_add (ids, g_strdup (ioc_complaint_get_service_request_id (c)));
      m++;
      if (n_features > 0 && (f = feature_for (self, c)) >= 0)
        {
          self->per_commune[f]++;
          self->per_commune_overdue[f] += overdue;
        }
    }
  index = ioc_cluster_index_new (points, m);
  ioc_complaint_layer_set_points (self->complaint_layer, index, ids);
  update_choropleth (self);
  rebuild_legend (self);
}

static gboolean
rebuild_cb (gpointer data)
{
  IocMapPage *self = data;

  self->rebuild_id = 0;
  ioc_map_page_rebuild_now (self);
  return G_SOURCE_REMOVE;
}

static void
queue_rebuild (IocMapPage *self)
{
  if (self->rebuild_id == 0)
    self->rebuild_id = g_timeout_add (REBUILD_DELAY_MS, rebuild_cb, self);
}

static gint64
received_us (IocComplaint *complaint)
{
  GDateTime *received = ioc_complaint_get_requested_datetime (complaint);

  return received != NULL ? ioc_date_time_to_usec (received) : G_MININT64;
}

static void
note_newest (IocMapPage *self,
             GListModel *model,
             guint       position,
             guint       added)
{
  guint i;

  for (i = position; i < position + added; i++)
    {
      g_autoptr(IocComplaint) c = g_list_model_get_item (model, i);

      self->newest_seen = MAX (self->newest_seen, received_us (c));
    }
}

/* Runs after the filtered model's handler (connected later): remembers
 * arrivals that the filter hides too, so that they do not count as new
 * when a filter change shows them. */
static void
on_complaints_changed (GListModel *model,
                       guint       position,
                       guint       removed,
                       guint       added,
                       IocMapPage *self)
{
  note_newest (self, model, position, added);
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  IocMapPage *self)
{
  queue_rebuild (self);

  /* "Follow new complaints" for the wall: centre on the newest arrival,
   * received after every complaint seen so far. A feed's update of an
   * older complaint (removed and added again) or a filter change showing
   * older ones does not move the map. */
  if (added > 0 && gtk_toggle_button_get_active (self->follow_button))
    {
      g_autoptr(IocComplaint) newest = NULL;
      gint64 newest_us = self->newest_seen;
      guint i;

      for (i = position; i < position + added; i++)
        {
          g_autoptr(IocComplaint) c = g_list_model_get_item (model, i);
          gint64 t = received_us (c);

          if (t > newest_us && ioc_complaint_get_has_location (c))
            {
              newest_us = t;
              g_set_object (&newest, c);
            }
        }
      if (newest != NULL)
        {
          ShumateMap *map = shumate_simple_map_get_map (self->map);

          self->fit_auto = FALSE;
          shumate_map_go_to_full (map, ioc_complaint_get_lat (newest), ioc_complaint_get_long (newest),
                                  MAX (shumate_viewport_get_zoom_level (shumate_simple_map_get_viewport (self->map)), 14));
        }
    }
  note_newest (self, model, position, added);
}

/* --- base map ------------------------------------------------------------- */

static void
go_offline (IocMapPage *self)
{
  if (self->offline || self->offline_source == NULL)
    return;
  self->offline = TRUE;
  shumate_simple_map_set_map_source (self->map, self->offline_source);
  gtk_widget_set_visible (GTK_WIDGET (self->offline_label), TRUE);
  g_message ("Map tiles could not be loaded; using the offline base map");
}

static void
on_tile_failed (IocTileDownloader *downloader,
                const char        *message,
                IocMapPage        *self)
{
  g_debug ("Map tile failed: %s", message);
  if (ioc_tile_downloader_get_n_loaded (downloader) == 0
      && ioc_tile_downloader_get_n_failures (downloader) >= FAILURES_BEFORE_FALLBACK)
    go_offline (self);
}

static void
setup_base_map (IocMapPage *self)
{
  g_autofree char *url = g_settings_get_string (self->settings, "map-tile-url");
  g_autofree char *attribution = g_settings_get_string (self->settings, "map-tile-attribution");
  g_autoptr(GError) error = NULL;

  self->geography = ioc_base_geography_new_default (&error);
  if (self->geography == NULL)
    g_message ("No offline base map: %s", error->message);
  else
    {
      self->offline_source = SHUMATE_MAP_SOURCE (ioc_offline_map_source_new (self->geography));
      if (self->boundaries != NULL)
        ioc_offline_map_source_set_boundaries (IOC_OFFLINE_MAP_SOURCE (self->offline_source),
                                               self->boundaries);
    }

  shumate_set_user_agent (IOC_TILE_USER_AGENT);
  if (url != NULL && *url != '\0')
    {
      self->downloader = ioc_tile_downloader_new (url);
      g_signal_connect_object (self->downloader, "tile-failed", G_CALLBACK (on_tile_failed), self, 0);
      self->online_source = SHUMATE_MAP_SOURCE (
        g_object_new (SHUMATE_TYPE_RASTER_RENDERER,
                      "id", "ioc-online",
                      "name", _("Online map"),
                      "license", attribution,
                      "min-zoom-level", 0,
                      "max-zoom-level", 19,
                      "tile-size", IOC_MERCATOR_TILE_SIZE,
                      "projection", SHUMATE_MAP_PROJECTION_MERCATOR,
                      "data-source", self->downloader,
                      NULL));
      shumate_simple_map_set_map_source (self->map, self->online_source);
    }
  else if (self->offline_source != NULL)
    {
      self->offline = TRUE;
      shumate_simple_map_set_map_source (self->map, self->offline_source);
    }
}

static void
load_boundaries (IocMapPage *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "boundary-file");
  g_autoptr(GError) error = NULL;
  guint i;

  if (path == NULL || *path == '\0')
    return;
  self->boundaries = ioc_geo_json_new_from_file (path, &error);
  if (self->boundaries == NULL)
    {
      g_message ("Commune boundaries not loaded from %s: %s", path, error->message);
      return;
    }
  for (i = 0; i < ioc_geo_json_get_n_features (self->boundaries); i++)
    g_hash_table_insert (self->feature_by_code,
                         g_strdup (ioc_geo_json_get_feature (self->boundaries, i)->code),
                         GINT_TO_POINTER (i + 1));
}

/* --- accessibility -------------------------------------------------------- */

/* libshumate's zoom buttons are icon-only with an untranslated tooltip:
 * named here, found by their icons. */
static void
label_zoom_buttons (GtkWidget *widget)
{
  GtkWidget *child;

  if (GTK_IS_BUTTON (widget) && GTK_IS_IMAGE (gtk_button_get_child (GTK_BUTTON (widget))))
    {
      const char *icon = gtk_image_get_icon_name (GTK_IMAGE (gtk_button_get_child (GTK_BUTTON (widget))));

      if (g_strcmp0 (icon, "zoom-in-symbolic") == 0)
        ioc_accessible_set_label (widget, _("Zoom in"));
      else if (g_strcmp0 (icon, "zoom-out-symbolic") == 0)
        ioc_accessible_set_label (widget, _("Zoom out"));
    }
  for (child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    label_zoom_buttons (child);
}

/* Every control of the page has a name for screen readers (WCAG 2.1
 * §4.1.2 "Name, Role, Value"): the template names its own; these are the
 * parts GTK and libshumate build inside. */
static void
name_inner_controls (IocMapPage *self)
{
  ioc_accessible_label_inner_toggle (GTK_WIDGET (self->layers_button), _("Layers"));
  ioc_accessible_label_inner_toggle (GTK_WIDGET (self->choropleth_dropdown), _("Colour communes by"));
  ioc_accessible_set_label (GTK_WIDGET (shumate_simple_map_get_map (self->map)), _("Map"));
  label_zoom_buttons (GTK_WIDGET (self->map));
}

/* --- navigation ----------------------------------------------------------- */

static void
show_box (IocMapPage *self,
          double      min_lat,
          double      min_lon,
          double      max_lat,
          double      max_lon,
          gboolean    animate)
{
  ShumateMap *map = shumate_simple_map_get_map (self->map);
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
  int w = MAX (gtk_widget_get_width (GTK_WIDGET (self->map)), 400);
  int h = MAX (gtk_widget_get_height (GTK_WIDGET (self->map)), 300);
  double zoom = ioc_mercator_zoom_for_span (min_lat, min_lon, max_lat, max_lon, w * 0.9, h * 0.9);
  double x0, y0, x1, y1, lat, lon;

  /* The centre in Mercator space, not the mean of the latitudes. */
  ioc_mercator_project (max_lat, min_lon, &x0, &y0);
  ioc_mercator_project (min_lat, max_lon, &x1, &y1);
  ioc_mercator_unproject ((x0 + x1) / 2, (y0 + y1) / 2, &lat, &lon);
  zoom = CLAMP (zoom, 2, 17);
  if (animate)
    shumate_map_go_to_full (map, lat, lon, zoom);
  else
    {
      shumate_viewport_set_zoom_level (viewport, zoom);
      shumate_map_center_on (map, lat, lon);
    }
}

/**
 * ioc_map_page_zoom_to_province:
 *
 * Shows the whole province: the boundary file's extent, or the built-in box.
 */
void
ioc_map_page_zoom_to_province (IocMapPage *self,
                               gboolean    animate)
{
  double a = PROVINCE_MIN_LAT, b = PROVINCE_MIN_LON, c = PROVINCE_MAX_LAT, d = PROVINCE_MAX_LON;

  g_return_if_fail (IOC_IS_MAP_PAGE (self));
  if (self->boundaries != NULL)
    ioc_geo_json_get_bounds (self->boundaries, &a, &b, &c, &d);
  show_box (self, a, b, c, d, animate);
  self->fit_auto = !animate;
  if (!animate)
    {
      ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);

      self->fit_w = gtk_widget_get_width (GTK_WIDGET (self->map));
      self->fit_h = gtk_widget_get_height (GTK_WIDGET (self->map));
      self->fit_lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
      self->fit_lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
      self->fit_zoom = shumate_viewport_get_zoom_level (viewport);
    }
}

/* Runs once the map has a size (or a new one): the view built before that
 * guessed 400 × 300 px. A map moved since the fit is left alone. */
static gboolean
refit_cb (gpointer data)
{
  IocMapPage *self = data;
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);

  self->fit_id = 0;
  if (self->fit_auto
      && fabs (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)) - self->fit_lat) < 1e-9
      && fabs (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)) - self->fit_lon) < 1e-9
      && fabs (shumate_viewport_get_zoom_level (viewport) - self->fit_zoom) < 1e-9)
    ioc_map_page_zoom_to_province (self, FALSE);
  else
    self->fit_auto = FALSE;
  return G_SOURCE_REMOVE;
}

static void
ioc_map_page_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  *minimum = *natural = 0;
  if (child != NULL)
    gtk_widget_measure (child, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
}

static void
ioc_map_page_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  IocMapPage *self = IOC_MAP_PAGE (widget);
  GtkWidget *child = gtk_widget_get_first_child (widget);
  int w, h;

  if (child != NULL)
    gtk_widget_allocate (child, width, height, baseline, NULL);
  if (!self->fit_auto || self->fit_id != 0)
    return;
  w = gtk_widget_get_width (GTK_WIDGET (self->map));
  h = gtk_widget_get_height (GTK_WIDGET (self->map));
  /* Not in the allocation itself: moving the viewport queues work on the
   * map's layers. */
  if (w > 0 && h > 0 && (w != self->fit_w || h != self->fit_h))
    self->fit_id = g_idle_add (refit_cb, self);
}

/**
 * ioc_map_page_go_to:
 *
 * Centres the map on @lat, @lon at @zoom, without animation.
 */
void
ioc_map_page_go_to (IocMapPage *self,
                    double      lat,
                    double      lon,
                    double      zoom)
{
  g_return_if_fail (IOC_IS_MAP_PAGE (self));
  self->fit_auto = FALSE;
  shumate_viewport_set_zoom_level (shumate_simple_map_get_viewport (self->map), zoom);
  shumate_map_center_on (shumate_simple_map_get_map (self->map), lat, lon);
}

static GPtrArray *
find_communes (IocMapPage *self,
               const char *query,
               guint       max)
{
  GPtrArray *found = g_ptr_array_new ();
  g_autofree char *needle = ioc_fold (query);
  guint i;

  if (self->boundaries == NULL || needle == NULL || *needle == '\0')
    return found;
  /* Names starting with the query first, then names containing it. */
  for (int pass = 0; pass < 2 && found->len < max; pass++)
    for (i = 0; i < ioc_geo_json_get_n_features (self->boundaries) && found->len < max; i++)
      {
        const IocGeoFeature *f = ioc_geo_json_get_feature (self->boundaries, i);
        g_autofree char *name = ioc_fold (f->name);
        gboolean starts = g_str_has_prefix (name, needle);

        if ((pass == 0 && starts) || (pass == 1 && !starts && ioc_fold_contains (name, needle)))
          g_ptr_array_add (found, (gpointer) f);
      }
  return found;
}

static void
show_feature (IocMapPage          *self,
              const IocGeoFeature *f)
{
  self->fit_auto = FALSE;
  show_box (self, f->min_lat, f->min_lon, f->max_lat, f->max_lon, TRUE);
}

/**
 * ioc_map_page_zoom_to_commune:
 * @query: a commune name, with or without diacritics ("long xuyen"), or a code
 *
 * Returns: whether a commune matched
 */
gboolean
ioc_map_page_zoom_to_commune (IocMapPage *self,
                              const char *query)
{
  g_autoptr(GPtrArray) found = NULL;
  gpointer v;

  g_return_val_if_fail (IOC_IS_MAP_PAGE (self), FALSE);
  if (self->boundaries == NULL)
    return FALSE;
  if ((v = g_hash_table_lookup (self->feature_by_code, query)) != NULL)
    {
      show_feature (self, ioc_geo_json_get_feature (self->boundaries, GPOINTER_TO_INT (v) - 1));
      return TRUE;
    }
  found = find_communes (self, query, 1);
  if (found->len == 0)
    return FALSE;
  show_feature (self, g_ptr_array_index (found, 0));
  return TRUE;
}

static void
on_search_result_clicked (GtkButton  *button,
                          IocMapPage *self)
{
  ioc_map_page_zoom_to_commune (self, g_object_get_data (G_OBJECT (button), "code"));
  gtk_popover_popdown (self->search_popover);
}

static void
on_search_changed (GtkSearchEntry *entry,
                   IocMapPage     *self)
{
  g_autoptr(GPtrArray) found = find_communes (self, gtk_editable_get_text (GTK_EDITABLE (entry)), 8);
  GtkWidget *box;
  guint i;

  if (found->len == 0)
    {
      gtk_popover_popdown (self->search_popover);
      return;
    }
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  for (i = 0; i < found->len; i++)
    {
      const IocGeoFeature *f = g_ptr_array_index (found, i);
      GtkWidget *button = gtk_button_new_with_label (f->full_name);

      gtk_widget_add_css_class (button, "flat");
      gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), 0);
      g_object_set_data_full (G_OBJECT (button), "code", g_strdup (f->code), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_search_result_clicked), self);
      gtk_box_append (GTK_BOX (box), button);
    }
  gtk_popover_set_child (self->search_popover, box);
  gtk_popover_popup (self->search_popover);
}

static void
on_search_activate (GtkSearchEntry *entry,
                    IocMapPage     *self)
{
  ioc_map_page_zoom_to_commune (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
  gtk_popover_popdown (self->search_popover);
}

/* --- clicks on complaints ------------------------------------------------- */

static void
on_complaint_activated (IocComplaintLayer *layer,
                        const char        *id,
                        IocMapPage        *self)
{
  g_signal_emit (self, signals[COMPLAINT_ACTIVATED], 0, id);
}

static void
on_list_item_clicked (GtkButton  *button,
                      IocMapPage *self)
{
  gtk_popover_popdown (self->list_popover);
  g_signal_emit (self, signals[COMPLAINT_ACTIVATED], 0, gtk_button_get_label (button));
}

/* A cluster zooms in to where it splits; one that never splits (every member
 * at the same spot) is listed instead. */
static void
on_cluster_activated (IocComplaintLayer *layer,
                      double             lat,
                      double             lon,
                      int                expansion_level,
                      guint              start,
                      guint              count,
                      double             x,
                      double             y,
                      IocMapPage        *self)
{
  ShumateMap *map = shumate_simple_map_get_map (self->map);
  IocClusterIndex *index = ioc_complaint_layer_get_index (layer);
  const guint32 *order;
  GtkWidget *scroller, *box;
  guint i;

  if (expansion_level >= 0)
    {
      /* Level L is shown from zoom L − 0.5: aim at its middle. */
      double zoom = expansion_level;

      if (expansion_level >= IOC_CLUSTER_MAX_ZOOM)
        zoom = IOC_CLUSTER_MAX_ZOOM + 1;
      shumate_map_go_to_full (map, lat, lon, zoom);
      return;
    }

  order = ioc_cluster_index_get_order (index);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  for (i = 0; i < MIN (count, 200); i++)
    {
      GtkWidget *button = gtk_button_new_with_label (ioc_complaint_layer_get_id (layer, order[start + i]));

      gtk_widget_add_css_class (button, "flat");
      g_signal_connect (button, "clicked", G_CALLBACK (on_list_item_clicked), self);
      gtk_box_append (GTK_BOX (box), button);
    }
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);
  gtk_popover_set_child (self->list_popover, scroller);
  {
    graphene_point_t p;

    if (!gtk_widget_compute_point (GTK_WIDGET (layer), GTK_WIDGET (self->overlay),
                                   &GRAPHENE_POINT_INIT (x, y), &p))
      p = GRAPHENE_POINT_INIT (x, y);
    gtk_popover_set_pointing_to (self->list_popover, &(GdkRectangle) { p.x, p.y, 1, 1 });
  }
  gtk_popover_popup (self->list_popover);
}

/* --- legend --------------------------------------------------------------- */

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        data)
{
  GdkRGBA *rgba = data;

  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0 - 0.5, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, rgba);
  cairo_fill (cr);
}

static void
add_legend_row (IocMapPage    *self,
                const GdkRGBA *colour,
                const char    *text)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *swatch = gtk_drawing_area_new ();
  GtkWidget *label = gtk_label_new (text);

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 12);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 12);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch,
                                  gdk_rgba_copy (colour), (GDestroyNotify) gdk_rgba_free);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (row), swatch);
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (self->legend, row);
}

static void
add_legend_title (IocMapPage *self,
                  const char *text)
{
  GtkWidget *title = gtk_label_new (text);

  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_box_append (self->legend, title);
}

static void
rebuild_legend (IocMapPage *self)
{
  GtkWidget *child;
  guint s;

  /* Called whenever the clusters change (data, heat map, layers): the
   * station symbols that step off them follow (keep_clear). */
  if (self->station_layer != NULL)
    gtk_widget_queue_draw (GTK_WIDGET (self->station_layer));
  if (self->commune_names != NULL)
    gtk_widget_queue_draw (GTK_WIDGET (self->commune_names));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->legend))) != NULL)
    gtk_box_remove (self->legend, child);

  if (self->choropleth != IOC_MAP_CHOROPLETH_NONE && self->boundaries != NULL)
    {
      guint max = ioc_commune_layer_get_max_value (self->commune_layer);
      GdkRGBA c;
      int k;

      add_legend_title (self, self->choropleth == IOC_MAP_CHOROPLETH_COMPLAINTS
                              ? _("Complaints per commune") : _("Overdue per commune"));
      for (k = 0; k <= 4; k++)
        {
          g_autofree char *text = g_strdup_printf ("%u", (guint) (max * k / 4.0 + 0.5));

          ioc_commune_layer_choropleth_rgba (k / 4.0, &c);
          c.alpha = 1;
          add_legend_row (self, &c, text);
        }
    }

  if (gtk_check_button_get_active (self->complaints_check))
    {
      GdkRGBA overdue = { 0.878, 0.106, 0.141, 1 };

      add_legend_title (self, gtk_toggle_button_get_active (self->heat_button)
                              ? _("Complaint density") : _("Complaint status"));
      if (!gtk_toggle_button_get_active (self->heat_button))
        {
          for (s = 0; s < IOC_N_COMPLAINT_STATUSES; s++)
            {
              GdkRGBA c;

              ioc_complaint_status_rgba (s, &c);
              add_legend_row (self, &c, ioc_complaint_status_label (s));
            }
          add_legend_row (self, &overdue, _("Overdue"));
        }
    }

  if (self->stations != NULL && gtk_check_button_get_active (self->stations_check))
    {
      /* The alarm and salinity scale of domain.md §7, in the AQI colours
       * (QĐ 1459), so they agree with air stations; water stations use the
       * WQI colours of QĐ 1460 (blue for very good), named in the popover. */
      static const char *rows[] = {
        N_("Below BĐ1 · below 1 ‰ · good"),
        N_("BĐ1 · moderate"),
        N_("BĐ2 · 1–4 ‰ · poor"),
        N_("BĐ3 · 4 ‰ or more · bad"),
      };
      GdkRGBA c;
      guint k;

      add_legend_title (self, _("Stations (● air ■ water ▲ level ◆ salinity)"));
      for (k = 0; k < G_N_ELEMENTS (rows); k++)
        {
          ioc_station_band_legend_rgba (k, &c);
          add_legend_row (self, &c, _(rows[k]));
        }
      gdk_rgba_parse (&c, "#9a9996");
      add_legend_row (self, &c, _("No data"));
    }
}

/* --- controls ------------------------------------------------------------- */

static void
on_heat_toggled (GtkToggleButton *button,
                 IocMapPage      *self)
{
  ioc_complaint_layer_set_mode (self->complaint_layer,
                                gtk_toggle_button_get_active (button)
                                ? IOC_COMPLAINT_LAYER_HEAT : IOC_COMPLAINT_LAYER_CLUSTERS);
  rebuild_legend (self);
}

static void
on_choropleth_selected (GtkDropDown *dropdown,
                        GParamSpec  *pspec,
                        IocMapPage  *self)
{
  self->choropleth = gtk_drop_down_get_selected (dropdown);
  update_choropleth (self);
  rebuild_legend (self);
}

static void
on_layers_toggled (GtkCheckButton *button,
                   IocMapPage     *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->complaint_layer),
                          gtk_check_button_get_active (self->complaints_check));
  gtk_widget_set_visible (GTK_WIDGET (self->commune_layer),
                          gtk_check_button_get_active (self->communes_check));
  gtk_widget_set_visible (GTK_WIDGET (self->commune_names),
                          gtk_check_button_get_active (self->communes_check));
  gtk_widget_set_visible (GTK_WIDGET (self->station_layer),
                          gtk_check_button_get_active (self->stations_check));
  rebuild_legend (self);
}

static void
zoom_province_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ioc_map_page_zoom_to_province (IOC_MAP_PAGE (widget), TRUE);
}

/* Station symbols step off the complaint clusters' counts. */
static gboolean
keep_clear (double    x,
            double    y,
            double    pad,
            double   *cx,
            double   *cy,
            double   *r,
            gpointer  data)
{
  return ioc_complaint_layer_find_disc (data, x, y, pad, cx, cy, r);
}

/* --- life cycle ----------------------------------------------------------- */

static void
ioc_map_page_dispose (GObject *object)
{
  IocMapPage *self = IOC_MAP_PAGE (object);
  GtkWidget *child;

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_clear_handle_id (&self->fit_id, g_source_remove);
  if (self->filtered != NULL)
    g_signal_handlers_disconnect_by_data (self->filtered, self);
  if (self->list_popover != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->list_popover));
  self->list_popover = NULL;
  if (self->search_popover != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->search_popover));
  self->search_popover = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), IOC_TYPE_MAP_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->filtered);
  g_clear_object (&self->stations);
  g_clear_object (&self->settings);
  g_clear_object (&self->online_source);
  g_clear_object (&self->offline_source);
  g_clear_object (&self->downloader);
  g_clear_object (&self->geography);
  g_clear_object (&self->boundaries);
  g_clear_object (&self->calendar);
  g_clear_pointer (&self->now, g_date_time_unref);
  if (self->overdue_destroy != NULL)
    g_clear_pointer (&self->overdue_data, self->overdue_destroy);
  self->overdue_destroy = NULL;
  G_OBJECT_CLASS (ioc_map_page_parent_class)->dispose (object);
}

static void
ioc_map_page_finalize (GObject *object)
{
  IocMapPage *self = IOC_MAP_PAGE (object);

  g_hash_table_unref (self->feature_by_code);
  g_free (self->per_commune);
  g_free (self->per_commune_overdue);
  G_OBJECT_CLASS (ioc_map_page_parent_class)->finalize (object);
}

static void
ioc_map_page_class_init (IocMapPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ioc_map_page_dispose;
  object_class->finalize = ioc_map_page_finalize;

  /**
   * IocMapPage::complaint-activated:
   * @service_request_id: the complaint to open in the triage page
   */
  signals[COMPLAINT_ACTIVATED] =
    g_signal_new ("complaint-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (SHUMATE_TYPE_SIMPLE_MAP);
  /* Links the UI resources into programs that use the page alone (tests,
   * benchmarks): their constructor registers them. */
  (void) ioc_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class, "/vn/gov/angiang/IocDashboard/ioc-map-page.ui");
  gtk_widget_class_bind_template_child (widget_class, IocMapPage, layers_button);
  gtk_widget_class_bind_template_child (widget_class, IocMapPage, complaints_check);
  gtk_widget_class_bind_template_child (widget_class, IocMapPage, stations_check);
  gtk_widget_class_bind_template_child (widget_class, IocMapPage, communes_check);
  gtk_widget_class_bind_template_child (widget_class, IocMapPage, heat_button);
  gtk_widget_class_bind_template_child (widget_class, IocMapPage, choropleth_dropdown);
  gtk_widget_class_bind_template_child (widget_class, IocMapPage, commune_search);
  gtk_widget_class_bind_template_child (widget_class, IocMapPage, follow_button);
  gtk_widget_class_bind_template_child (widget_class, IocMapPage, overlay);
  gtk_widget_class_bind_template_child (widget_class, IocMapPage, map);
  gtk_widget_class_bind_template_child (widget_class, IocMapPage, offline_label);
  gtk_widget_class_bind_template_child (widget_class, IocMapPage, legend);
  gtk_widget_class_install_action (widget_class, "map.zoom-province", NULL, zoom_province_action);
  /* Its own allocation rather than a GtkBinLayout: the first one with a
   * size fits the province (refit_cb). */
  widget_class->measure = ioc_map_page_measure;
  widget_class->size_allocate = ioc_map_page_size_allocate;
}

static void
ioc_map_page_init (IocMapPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->feature_by_code = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->overdue_func = default_overdue;
  self->overdue_data = self;
  self->list_popover = GTK_POPOVER (gtk_popover_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->list_popover), GTK_WIDGET (self->overlay));
  self->search_popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_autohide (self->search_popover, FALSE);
  gtk_widget_set_parent (GTK_WIDGET (self->search_popover), GTK_WIDGET (self->commune_search));
  /* Operators in Vietnam read metres and kilometres only. */
  shumate_scale_set_unit (shumate_simple_map_get_scale (self->map), SHUMATE_UNIT_METRIC);
  name_inner_controls (self);
}

/**
 * ioc_map_page_new:
 * @settings: the application's settings (`map-tile-url`,
 *   `map-tile-attribution`, `boundary-file`)
 * @complaints: a #GListModel of #IocComplaint
 * @stations: (nullable): a #GListModel of #IocStation
 *
 * The Bản đồ page of issue "The map".
 *
 * Returns: (transfer full): the page
 */
GtkWidget *
ioc_map_page_new (GSettings  *settings,
                  GListModel *complaints,
                  GListModel *stations)
{
  IocMapPage *self;
  ShumateViewport *viewport;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (complaints), NULL);

  self = g_object_new (IOC_TYPE_MAP_PAGE, NULL);
  self->settings = g_object_ref (settings);
  self->stations = stations ? g_object_ref (stations) : NULL;
  self->filtered = gtk_filter_list_model_new (g_object_ref (complaints), NULL);

  /* The base map first: libshumate 1.0.3 puts the first base layer on top
   * of whatever is there, and later ones behind the previous one. */
  load_boundaries (self);
  setup_base_map (self);

  viewport = shumate_simple_map_get_viewport (self->map);
  self->commune_layer = ioc_commune_layer_new (viewport);
  ioc_commune_layer_set_boundaries (self->commune_layer, self->boundaries);
  shumate_simple_map_add_overlay_layer (self->map, SHUMATE_LAYER (self->commune_layer));
  self->complaint_layer = ioc_complaint_layer_new (viewport);
  shumate_simple_map_add_overlay_layer (self->map, SHUMATE_LAYER (self->complaint_layer));
  /* Stations above complaints: there are few, and they must stay clickable. */
  self->station_layer = ioc_station_layer_new (viewport);
  ioc_station_layer_set_stations (self->station_layer, stations);
  /* Without a stations model the toggle would do nothing: hide it. */
  gtk_widget_set_visible (GTK_WIDGET (self->stations_check), stations != NULL);
  {
    g_autofree char *sta = g_settings_get_string (settings, "environment-url");

    ioc_station_layer_set_sta_history (self->station_layer, sta);
  }
  ioc_station_layer_set_keep_clear (self->station_layer, keep_clear, self->complaint_layer);
  shumate_simple_map_add_overlay_layer (self->map, SHUMATE_LAYER (self->station_layer));
  /* Commune names on top, haloed: cluster rings and station symbols must
   * not hide them. */
  ioc_commune_layer_set_parts (self->commune_layer, IOC_COMMUNE_LAYER_SHAPES);
  self->commune_names = ioc_commune_layer_new (viewport);
  ioc_commune_layer_set_parts (self->commune_names, IOC_COMMUNE_LAYER_NAMES);
  ioc_commune_layer_set_boundaries (self->commune_names, self->boundaries);
  ioc_commune_layer_set_keep_clear (self->commune_names, keep_clear, self->complaint_layer);
  shumate_simple_map_add_overlay_layer (self->map, SHUMATE_LAYER (self->commune_names));
  g_signal_connect_object (self->complaint_layer, "complaint-activated",
                           G_CALLBACK (on_complaint_activated), self, 0);
  g_signal_connect_object (self->complaint_layer, "cluster-activated",
                           G_CALLBACK (on_cluster_activated), self, 0);

  self->newest_seen = G_MININT64;
  note_newest (self, complaints, 0, g_list_model_get_n_items (complaints));
  g_signal_connect (self->filtered, "items-changed", G_CALLBACK (on_items_changed), self);
  g_signal_connect_object (complaints, "items-changed", G_CALLBACK (on_complaints_changed), self, 0);
  g_signal_connect (self->heat_button, "toggled", G_CALLBACK (on_heat_toggled), self);
  g_signal_connect (self->choropleth_dropdown, "notify::selected", G_CALLBACK (on_choropleth_selected), self);
  g_signal_connect (self->complaints_check, "toggled", G_CALLBACK (on_layers_toggled), self);
  g_signal_connect (self->communes_check, "toggled", G_CALLBACK (on_layers_toggled), self);
  g_signal_connect (self->stations_check, "toggled", G_CALLBACK (on_layers_toggled), self);
  g_signal_connect (self->commune_search, "search-changed", G_CALLBACK (on_search_changed), self);
  g_signal_connect (self->commune_search, "activate", G_CALLBACK (on_search_activate), self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->choropleth_dropdown), self->boundaries != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->commune_search), self->boundaries != NULL);

  ioc_map_page_rebuild_now (self);
  ioc_map_page_zoom_to_province (self, FALSE);
  return GTK_WIDGET (self);
}

/**
 * ioc_map_page_set_follow_new:
 *
 * The "Follow new complaints" toggle of issue "The map", for the wall
 * display: while on, each complaint received after all those already
 * loaded recentres the map on it, at street zoom.
 */
void
ioc_map_page_set_follow_new (IocMapPage *self,
                             gboolean    follow)
{
  g_return_if_fail (IOC_IS_MAP_PAGE (self));
  gtk_toggle_button_set_active (self->follow_button, follow);
}

/**
 * ioc_map_page_set_now:
 * @now: (nullable): the time overdue is judged at; %NULL for the clock
 *
 * For a simulated clock (the feed simulator's, a replay, the tests):
 * overdue marks follow domain.md §3 at @now. Rebuilds the layer.
 */
void
ioc_map_page_set_now (IocMapPage *self,
                      GDateTime  *now)
{
  g_return_if_fail (IOC_IS_MAP_PAGE (self));
  g_clear_pointer (&self->now, g_date_time_unref);
  self->now = now != NULL ? g_date_time_ref (now) : NULL;
  ioc_map_page_rebuild_now (self);
}

/**
 * ioc_map_page_set_filter:
 * @filter: (nullable): the triage page's filter, shared
 */
void
ioc_map_page_set_filter (IocMapPage *self,
                         GtkFilter  *filter)
{
  g_return_if_fail (IOC_IS_MAP_PAGE (self));
  gtk_filter_list_model_set_filter (self->filtered, filter);
  queue_rebuild (self);
}

/**
 * ioc_map_page_set_overdue_func:
 * @func: (nullable): replaces the default (ioc-deadline) overdue rule
 */
void
ioc_map_page_set_overdue_func (IocMapPage        *self,
                               IocMapOverdueFunc  func,
                               gpointer           user_data,
                               GDestroyNotify     destroy)
{
  g_return_if_fail (IOC_IS_MAP_PAGE (self));
  if (self->overdue_destroy != NULL)
    self->overdue_destroy (self->overdue_data);
  self->overdue_func = func ? func : default_overdue;
  self->overdue_data = func ? user_data : self;
  self->overdue_destroy = func ? destroy : NULL;
  queue_rebuild (self);
}

void
ioc_map_page_set_heat_map (IocMapPage *self,
                           gboolean    heat)
{
  g_return_if_fail (IOC_IS_MAP_PAGE (self));
  gtk_toggle_button_set_active (self->heat_button, heat);
}

void
ioc_map_page_set_choropleth (IocMapPage       *self,
                             IocMapChoropleth  choropleth)
{
  g_return_if_fail (IOC_IS_MAP_PAGE (self));
  gtk_drop_down_set_selected (self->choropleth_dropdown, choropleth);
}

gboolean
ioc_map_page_get_offline (IocMapPage *self)
{
  g_return_val_if_fail (IOC_IS_MAP_PAGE (self), FALSE);
  return self->offline;
}

GtkWidget *
ioc_map_page_get_complaint_layer (IocMapPage *self)
{
  return GTK_WIDGET (self->complaint_layer);
}

/**
 * ioc_map_page_get_station_layer:
 *
 * Returns: (transfer none): the #IocStationLayer, for tests
 */
GtkWidget *
ioc_map_page_get_station_layer (IocMapPage *self)
{
  return GTK_WIDGET (self->station_layer);
}

/**
 * ioc_map_page_get_boundaries:
 *
 * Returns: (transfer none) (nullable): the commune boundaries read from the
 *   `boundary-file` setting, %NULL when none is set or it failed to load
 */
IocGeoJson *
ioc_map_page_get_boundaries (IocMapPage *self)
{
  g_return_val_if_fail (IOC_IS_MAP_PAGE (self), NULL);
  return self->boundaries;
}
