/* test-snapshot.c — the snapshot codec round trip and the pipeline's
 * offline start (issue "Live data pipeline")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "ioc-complaint.h"
#include "ioc-pipeline.h"
#include "ioc-snapshot-codec.h"
#include "ioc-sta-parser.h"
#include "ioc-station.h"
#include "ioc-store.h"

static GDateTime *
dt (const char *text)
{
  GDateTime *value = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (value);
  return value;
}

/* Every field set, with the awkward values: quotes, control characters,
 * UTF-8, microseconds, offsets other than UTC, many digits. */
static IocComplaint *
full_complaint (const char *id)
{
  IocComplaint *c = ioc_complaint_new (id);
  g_autoptr(GDateTime) requested = dt ("2025-03-10T09:15:30.123456+07:00");
  g_autoptr(GDateTime) updated = dt ("2025-03-11T10:00:00Z");
  g_autoptr(GDateTime) expected = dt ("2025-03-14T17:00:00+07:00");
  g_autoptr(GDateTime) note_time = dt ("2025-03-11T10:00:00.5+07:00");
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func ((GDestroyNotify) ioc_complaint_note_free);
  const char *media[] = { "https://example.org/a.png", "http://example.org/b \"c\".jpg", NULL };

  ioc_complaint_set_open (c, TRUE);
  ioc_complaint_set_status_notes (c, "Đã chuyển \"Phòng\" xử lý\nline two\ttab \\ back");
  ioc_complaint_set_service_name (c, "Môi trường, vệ sinh");
  ioc_complaint_set_service_code (c, "MT");
  ioc_complaint_set_description (c, "Rác thải \x01 control ← ✓");
  ioc_complaint_set_agency_responsible (c, "Phòng Tài nguyên và Môi trường");
  ioc_complaint_set_service_notice (c, "notice");
  ioc_complaint_set_requested_datetime (c, requested);
  ioc_complaint_set_updated_datetime (c, updated);
  ioc_complaint_set_expected_datetime (c, expected);
  ioc_complaint_set_address (c, "Số 1, Phường Long Xuyên");
  ioc_complaint_set_address_id (c, "addr-7");
  ioc_complaint_set_zipcode (c, "880000");
  ioc_complaint_set_location (c, 10.360495123456789, 105.42102100000001);
  ioc_complaint_set_media_url (c, "https://example.org/main.png");
  ioc_complaint_set_extended_status (c, IOC_COMPLAINT_STATUS_IN_PROGRESS);
  ioc_complaint_set_priority (c, IOC_PRIORITY_KHAN_CAP);
  ioc_complaint_set_commune_code (c, "30307");
  g_ptr_array_add (notes, ioc_complaint_note_new (note_time, "Tiếp nhận", "comment", "Cán bộ A"));
  g_ptr_array_add (notes, ioc_complaint_note_new (NULL, NULL, "resolved", NULL));
  ioc_complaint_set_notes (c, notes);
  ioc_complaint_set_media_urls (c, media);
  ioc_complaint_set_claimed_by (c, "operator-1");
  ioc_complaint_set_duplicate_of (c, "PA-25-000001");
  ioc_complaint_set_channel (c, IOC_COMPLAINT_CHANNEL_ZALO);
  return c;
}

static void
assert_same_time (GDateTime *a,
                  GDateTime *b)
{
  g_assert_true ((a == NULL) == (b == NULL));
  if (a != NULL)
    {
      g_assert_true (g_date_time_equal (a, b));
      g_assert_cmpint (g_date_time_get_utc_offset (a), ==, g_date_time_get_utc_offset (b));
    }
}

static void
test_complaints_round_trip (void)
{
  g_autoptr(GPtrArray) in = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  IocComplaint *minimal = ioc_complaint_new ("42");
  IocComplaint *closed = ioc_complaint_new ("PA-2");

  g_ptr_array_add (in, full_complaint ("PA-1"));
  ioc_complaint_set_open (minimal, TRUE);
  g_ptr_array_add (in, minimal);
  ioc_complaint_set_open (closed, FALSE);
  ioc_complaint_set_priority (closed, IOC_PRIORITY_THAP);
  ioc_complaint_set_channel (closed, IOC_COMPLAINT_CHANNEL_HOTLINE);
  g_ptr_array_add (in, closed);

  bytes = ioc_snapshot_codec_encode_complaints (in);
  out = ioc_snapshot_codec_decode_complaints (bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (out->len, ==, in->len);
  for (guint i = 0; i < in->len; i++)
    {
      IocComplaint *a = in->pdata[i], *b = out->pdata[i];
      GPtrArray *na = ioc_complaint_get_notes (a), *nb = ioc_complaint_get_notes (b);

      g_assert_true (ioc_complaint_equal (a, b));
      /* Field by field too, so a failure names the field. */
      g_assert_cmpstr (ioc_complaint_get_service_request_id (a), ==, ioc_complaint_get_service_request_id (b));
      g_assert_cmpint (ioc_complaint_get_open (a), ==, ioc_complaint_get_open (b));
      g_assert_cmpstr (ioc_complaint_get_status_notes (a), ==, ioc_complaint_get_status_notes (b));
      g_assert_cmpstr (ioc_complaint_get_service_name (a), ==, ioc_complaint_get_service_name (b));
      g_assert_cmpstr (ioc_complaint_get_service_code (a), ==, ioc_complaint_get_service_code (b));
      g_assert_cmpstr (ioc_complaint_get_description (a), ==, ioc_complaint_get_description (b));
      g_assert_cmpstr (ioc_complaint_get_agency_responsible (a), ==, ioc_complaint_get_agency_responsible (b));
      g_assert_cmpstr (ioc_complaint_get_service_notice (a), ==, ioc_complaint_get_service_notice (b));
      assert_same_time (ioc_complaint_get_requested_datetime (a), ioc_complaint_get_requested_datetime (b));
      assert_same_time (ioc_complaint_get_updated_datetime (a), ioc_complaint_get_updated_datetime (b));
      assert_same_time (ioc_complaint_get_expected_datetime (a), ioc_complaint_get_expected_datetime (b));
      g_assert_cmpstr (ioc_complaint_get_address (a), ==, ioc_complaint_get_address (b));
      g_assert_cmpstr (ioc_complaint_get_address_id (a), ==, ioc_complaint_get_address_id (b));
      g_assert_cmpstr (ioc_complaint_get_zipcode (a), ==, ioc_complaint_get_zipcode (b));
      g_assert_cmpint (ioc_complaint_get_has_location (a), ==, ioc_complaint_get_has_location (b));
      if (ioc_complaint_get_has_location (a))
        {
          g_assert_true (ioc_complaint_get_lat (a) == ioc_complaint_get_lat (b));
          g_assert_true (ioc_complaint_get_long (a) == ioc_complaint_get_long (b));
        }
      g_assert_cmpstr (ioc_complaint_get_media_url (a), ==, ioc_complaint_get_media_url (b));
      g_assert_cmpint (ioc_complaint_get_has_extended_status (a), ==, ioc_complaint_get_has_extended_status (b));
      g_assert_cmpint (ioc_complaint_get_status (a), ==, ioc_complaint_get_status (b));
      g_assert_cmpint (ioc_complaint_get_priority (a), ==, ioc_complaint_get_priority (b));
      g_assert_cmpstr (ioc_complaint_get_commune_code (a), ==, ioc_complaint_get_commune_code (b));
      g_assert_cmpuint (na->len, ==, nb->len);
      for (guint n = 0; n < na->len; n++)
        g_assert_true (ioc_complaint_note_equal (na->pdata[n], nb->pdata[n]));
      g_assert_true (g_strv_equal ((const char * const *) (ioc_complaint_get_media_urls (a) ?: (const char * const[]) { NULL }),
                                   (const char * const *) (ioc_complaint_get_media_urls (b) ?: (const char * const[]) { NULL })));
      g_assert_cmpstr (ioc_complaint_get_claimed_by (a), ==, ioc_complaint_get_claimed_by (b));
      g_assert_cmpstr (ioc_complaint_get_duplicate_of (a), ==, ioc_complaint_get_duplicate_of (b));
      g_assert_cmpint (ioc_complaint_get_channel (a), ==, ioc_complaint_get_channel (b));
    }
}

static void
test_complaints_damaged (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("[{\"service_request_id\":\"1\",\"status\":\"open\",\"lat\":\"x\",\"long\":1}]", 57);
  g_autoptr(GBytes) garbage = g_bytes_new_static ("[{", 2);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) out = ioc_snapshot_codec_decode_complaints (bytes, NULL, &error);

  g_assert_null (out);
  g_assert_nonnull (error);
  g_clear_error (&error);
  out = ioc_snapshot_codec_decode_complaints (garbage, NULL, &error);
  g_assert_null (out);
  g_assert_nonnull (error);
}

static IocStation *
make_station (const char *id,
              gboolean    full)
{
  IocStation *station = ioc_station_new (id);

  ioc_station_set_name (station, full ? "Trạm \"Tân Châu\"" : "bare");
  if (!full)
    return station;
  ioc_station_set_description (station, "mô tả");
  ioc_station_set_location_name (station, "Tân Châu");
  ioc_station_set_location (station, 10.8, 105.23000000000001);
  ioc_station_set_kind (station, IOC_STATION_KIND_HYDRO);
  ioc_station_set_commune_code (station, "30377");
  g_assert_true (ioc_station_set_alarm_levels (station, 3.5, 4.0, 4.5));
  {
    g_autoptr(IocDatastream) level = ioc_datastream_new ("ds-1");
    g_autoptr(IocDatastream) gap = ioc_datastream_new ("ds-2");
    g_autoptr(IocDatastream) empty = ioc_datastream_new ("ds-3");
    g_autoptr(IocDatastream) unnamed = ioc_datastream_new ("ds-4");
    g_autoptr(IocObservation) o1 = ioc_observation_new (G_GINT64_CONSTANT (1741570200123456), TRUE, 2.0100000000000002);
    g_autoptr(IocObservation) o2 = ioc_observation_new (G_GINT64_CONSTANT (1741570200000000), FALSE, 0);
    g_autoptr(IocObservation) o4 = ioc_observation_new (G_GINT64_CONSTANT (1741570200000000), TRUE, 12.5);

    ioc_datastream_set_name (level, "Mực nước");
    ioc_datastream_set_parameter (level, IOC_PARAMETER_WATER_LEVEL);
    ioc_datastream_set_unit_symbol (level, "m");
    ioc_datastream_set_observed_property (level, "Gauge height (feed's own name)");
    ioc_datastream_set_latest (level, o1);
    ioc_station_add_datastream (station, level);

    ioc_datastream_set_name (gap, "PM2.5");
    ioc_datastream_set_parameter (gap, IOC_PARAMETER_PM25);
    ioc_datastream_set_unit_symbol (gap, "µg/m³");
    ioc_datastream_set_observed_property (gap, "PM2.5");
    ioc_datastream_set_latest (gap, o2);
    ioc_station_add_datastream (station, gap);

    ioc_datastream_set_name (empty, "no data");
    ioc_station_add_datastream (station, empty);

    ioc_datastream_set_name (unnamed, "Salinity sensor");
    ioc_datastream_set_parameter (unnamed, IOC_PARAMETER_SALINITY);
    ioc_datastream_set_unit_symbol (unnamed, "‰");
    ioc_datastream_set_latest (unnamed, o4);
    ioc_station_add_datastream (station, unnamed);
  }
  return station;
}

static void
assert_same_station (IocStation *a,
                     IocStation *b)
{
  GListModel *da = ioc_station_get_datastreams (a), *db = ioc_station_get_datastreams (b);
  double la[3], lb[3];

  g_assert_cmpstr (ioc_station_get_id (a), ==, ioc_station_get_id (b));
  g_assert_cmpstr (ioc_station_get_name (a), ==, ioc_station_get_name (b));
  g_assert_cmpstr (ioc_station_get_description (a), ==, ioc_station_get_description (b));
  g_assert_cmpstr (ioc_station_get_location_name (a), ==, ioc_station_get_location_name (b));
  g_assert_cmpint (ioc_station_get_has_location (a), ==, ioc_station_get_has_location (b));
  g_assert_true (ioc_station_get_lat (a) == ioc_station_get_lat (b));
  g_assert_true (ioc_station_get_long (a) == ioc_station_get_long (b));
  g_assert_cmpint (ioc_station_get_kind (a), ==, ioc_station_get_kind (b));
  g_assert_cmpstr (ioc_station_get_commune_code (a), ==, ioc_station_get_commune_code (b));
  g_assert_cmpint (ioc_station_get_alarm_levels (a, la), ==, ioc_station_get_alarm_levels (b, lb));
  if (ioc_station_get_has_alarm_levels (a))
    g_assert_true (la[0] == lb[0] && la[1] == lb[1] && la[2] == lb[2]);
  g_assert_cmpuint (g_list_model_get_n_items (da), ==, g_list_model_get_n_items (db));
  for (guint i = 0; i < g_list_model_get_n_items (da); i++)
    {
      g_autoptr(IocDatastream) x = g_list_model_get_item (da, i);
      g_autoptr(IocDatastream) y = g_list_model_get_item (db, i);
      const IocObservation *ox = ioc_datastream_get_latest (x), *oy = ioc_datastream_get_latest (y);

      g_assert_cmpstr (ioc_datastream_get_id (x), ==, ioc_datastream_get_id (y));
      g_assert_cmpstr (ioc_datastream_get_name (x), ==, ioc_datastream_get_name (y));
      g_assert_cmpint (ioc_datastream_get_parameter (x), ==, ioc_datastream_get_parameter (y));
      g_assert_cmpstr (ioc_datastream_get_unit_symbol (x), ==, ioc_datastream_get_unit_symbol (y));
      g_assert_cmpstr (ioc_datastream_get_observed_property (x), ==, ioc_datastream_get_observed_property (y));
      g_assert_true ((ox == NULL) == (oy == NULL));
      if (ox != NULL)
        {
          g_assert_cmpint (ox->phenomenon_time, ==, oy->phenomenon_time);
          g_assert_cmpint (ox->has_result, ==, oy->has_result);
          if (ox->has_result)
            g_assert_true (ox->result == oy->result);
        }
    }
}

static void
test_stations_round_trip (void)
{
  g_autoptr(GPtrArray) in = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(IocStaResult) plain = NULL;
  gsize length;
  const char *data;

  g_ptr_array_add (in, make_station ("1", TRUE));
  g_ptr_array_add (in, make_station ("st-2", FALSE));
  bytes = ioc_snapshot_codec_encode_stations (in);
  out = ioc_snapshot_codec_decode_stations (bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (out->len, ==, 2);
  for (guint i = 0; i < in->len; i++)
    assert_same_station (in->pdata[i], out->pdata[i]);

  /* Plain SensorThings readers read it too (the project's own one here). */
  data = g_bytes_get_data (bytes, &length);
  plain = ioc_sta_parse (IOC_STA_ENTITY_THINGS, data, length, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plain->stations->len, ==, 2);
  g_assert_cmpuint (plain->skipped->len, ==, 0);
  {
    IocStation *s = plain->stations->pdata[0];
    IocDatastream *level = ioc_station_find_datastream (s, "ds-1");
    IocDatastream *salinity = ioc_station_find_datastream (s, "ds-4");

    g_assert_cmpstr (ioc_station_get_name (s), ==, "Trạm \"Tân Châu\"");
    g_assert_true (ioc_station_get_lat (s) == 10.8);
    g_assert_cmpint (ioc_station_get_kind (s), ==, IOC_STATION_KIND_HYDRO);
    g_assert_nonnull (level);
    g_assert_cmpint (ioc_datastream_get_latest (level)->phenomenon_time, ==, G_GINT64_CONSTANT (1741570200123456));
    g_assert_true (ioc_datastream_get_latest (level)->result == 2.0100000000000002);
    /* Without an ObservedProperty, a plain reader maps by the name. */
    g_assert_nonnull (salinity);
    g_assert_true (ioc_datastream_get_latest (salinity)->result == 12.5);
  }
}

static IocTthcStats *
stats_for (const char *unit, const char *from, const char *to, guint64 base)
{
  IocTthcStats *s = ioc_tthc_stats_new (unit);
  GDate a, b;

  g_date_clear (&a, 1);
  g_date_clear (&b, 1);
  g_date_set_parse (&a, from);
  g_date_set_parse (&b, to);
  g_assert_true (g_date_valid (&a) && g_date_valid (&b));
  ioc_tthc_stats_set_period (s, &a, &b);
  /* Parts never exceed wholes: every count derived from received. */
  s->services_total = base * 10;
  s->services_partial_online = base * 3;
  s->services_full_online = base * 5;
  s->received = base * 100;
  s->received_online = base * 70;
  s->finished_early = base * 20;
  s->finished_on_time = base * 50;
  s->finished_late = base * 5;
  s->unfinished_in_time = base * 20;
  s->unfinished_overdue = base * 5;
  s->fee_bearing = base * 40;
  s->paid_online = base * 20;
  s->results_electronic = base * 60;
  s->digitised = base * 80;
  s->reused_digitised = base * 30;
  s->synced_national = base * 95;
  s->complained_or_disliked = base;
  return s;
}

static void
test_tthc_round_trip (void)
{
  g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) stats = g_ptr_array_new_with_free_func ((GDestroyNotify) ioc_tthc_stats_free);
  g_autoptr(GPtrArray) daily = g_ptr_array_new_with_free_func ((GDestroyNotify) ioc_tthc_stats_free);
  g_autoptr(GPtrArray) dossiers = g_ptr_array_new_with_free_func ((GDestroyNotify) ioc_tthc_dossier_free);
  g_autoptr(GError) error = NULL;
  IocTthcDossier *d = ioc_tthc_dossier_new ("HS-1");
  IocTthcDossier *d2 = ioc_tthc_dossier_new ("HS-2");

  g_ptr_array_add (units, ioc_tthc_unit_new ("so-01", "Sở \"Xây dựng\"", IOC_TTHC_UNIT_KIND_SO_NGANH, NULL));
  g_ptr_array_add (units, ioc_tthc_unit_new ("xa-1", "Xã Mỹ Hòa Hưng", IOC_TTHC_UNIT_KIND_XA, "30310"));
  g_ptr_array_add (stats, stats_for ("so-01", "2025-02-01", "2025-03-02", 1));
  g_ptr_array_add (stats, stats_for ("xa-1", "2025-02-01", "2025-03-02", 7));
  g_ptr_array_add (daily, stats_for (NULL, "2025-03-01", "2025-03-01", 2));
  g_ptr_array_add (daily, stats_for (NULL, "2025-03-02", "2025-03-02", 3));
  d->procedure_code = g_strdup ("1.000001");
  d->procedure_name = g_strdup ("Cấp giấy phép");
  d->unit_id = g_strdup ("so-01");
  d->officer = g_strdup ("Nguyễn Văn A");
  d->received_at = dt ("2025-02-03T08:00:00+07:00");
  d->due_at = dt ("2025-02-10T17:00:00+07:00");
  d->status = IOC_DOSSIER_STATUS_DANG_XU_LY;
  d->channel = IOC_DOSSIER_CHANNEL_TRUC_TUYEN;
  g_ptr_array_add (dossiers, d);
  d2->procedure_code = g_strdup ("2");
  d2->procedure_name = g_strdup ("x");
  d2->unit_id = g_strdup ("xa-1");
  d2->received_at = dt ("2025-02-03T08:00:00+07:00");
  d2->finished_at = dt ("2025-02-04T08:00:00.25+07:00");
  d2->status = IOC_DOSSIER_STATUS_DA_TRA_KET_QUA;
  d2->channel = IOC_DOSSIER_CHANNEL_BUU_CHINH;
  g_ptr_array_add (dossiers, d2);

  {
    g_autoptr(GBytes) b = ioc_snapshot_codec_encode_tthc_units (units);
    g_autoptr(IocTthcResult) r = ioc_snapshot_codec_decode_tthc (IOC_SNAPSHOT_KEY_TTHC_UNITS, b, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (r->units->len, ==, 2);
    for (guint i = 0; i < 2; i++)
      {
        IocTthcUnit *x = units->pdata[i], *y = r->units->pdata[i];

        g_assert_cmpstr (ioc_tthc_unit_get_unit_id (x), ==, ioc_tthc_unit_get_unit_id (y));
        g_assert_cmpstr (ioc_tthc_unit_get_name (x), ==, ioc_tthc_unit_get_name (y));
        g_assert_cmpint (ioc_tthc_unit_get_kind (x), ==, ioc_tthc_unit_get_kind (y));
        g_assert_cmpstr (ioc_tthc_unit_get_commune_code (x), ==, ioc_tthc_unit_get_commune_code (y));
      }
  }
  {
    g_autoptr(GBytes) b = ioc_snapshot_codec_encode_tthc_stats (stats);
    g_autoptr(IocTthcResult) r = ioc_snapshot_codec_decode_tthc (IOC_SNAPSHOT_KEY_TTHC_STATS, b, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (r->stats->len, ==, 2);
    for (guint i = 0; i < 2; i++)
      g_assert_true (ioc_tthc_stats_equal (stats->pdata[i], r->stats->pdata[i]));
  }
  {
    g_autoptr(GBytes) b = ioc_snapshot_codec_encode_tthc_daily (daily);
    g_autoptr(IocTthcResult) r = ioc_snapshot_codec_decode_tthc (IOC_SNAPSHOT_KEY_TTHC_DAILY, b, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (r->stats->len, ==, 2);
    for (guint i = 0; i < 2; i++)
      g_assert_true (ioc_tthc_stats_equal (daily->pdata[i], r->stats->pdata[i]));
  }
  {
    g_autoptr(GBytes) b = ioc_snapshot_codec_encode_tthc_dossiers (dossiers);
    g_autoptr(IocTthcResult) r = ioc_snapshot_codec_decode_tthc (IOC_SNAPSHOT_KEY_TTHC_OVERDUE, b, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (r->dossiers->len, ==, 2);
    for (guint i = 0; i < 2; i++)
      {
        IocTthcDossier *x = dossiers->pdata[i], *y = r->dossiers->pdata[i];

        g_assert_cmpstr (x->dossier_id, ==, y->dossier_id);
        g_assert_cmpstr (x->procedure_code, ==, y->procedure_code);
        g_assert_cmpstr (x->procedure_name, ==, y->procedure_name);
        g_assert_cmpstr (x->unit_id, ==, y->unit_id);
        g_assert_cmpstr (x->officer, ==, y->officer);
        assert_same_time (x->received_at, y->received_at);
        assert_same_time (x->due_at, y->due_at);
        assert_same_time (x->finished_at, y->finished_at);
        g_assert_cmpint (x->status, ==, y->status);
        g_assert_cmpint (x->channel, ==, y->channel);
      }
  }
  /* Nothing to write without a period. */
  {
    g_autoptr(GPtrArray) none = g_ptr_array_new ();

    g_assert_null (ioc_snapshot_codec_encode_tthc_stats (none));
    g_assert_null (ioc_snapshot_codec_encode_tthc_daily (none));
  }
}

/* ---- offline start ------------------------------------------------------ */

static void
save (IocStore   *store,
      const char *feed,
      const char *key,
      GBytes     *payload,
      gint64      fetched_at)
{
  g_autoptr(IocSnapshot) snapshot = ioc_snapshot_new (feed, key, payload, fetched_at, "http://127.0.0.1:1/", NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (ioc_store_save_snapshot_sync (store, snapshot, &error));
  g_assert_no_error (error);
}

static void
count_loaded (IocPipeline *pipeline,
              guint        kind,
              gboolean     shown,
              gpointer     user_data)
{
  guint *n = user_data;

  g_assert_true (shown);
  (*n)++;
}

static void
test_offline_start (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ioc-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(IocStore) store = NULL;
  g_autoptr(IocPipeline) pipeline = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) complaints = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) stations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) stats = g_ptr_array_new_with_free_func ((GDestroyNotify) ioc_tthc_stats_free);
  gint64 cached_at = G_GINT64_CONSTANT (1741570200000000);
  guint n_complaints = 5000;  /* more than one chunk of the main-thread merge */
  guint loaded = 0;

  store = ioc_store_new_sync (path, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n_complaints; i++)
    {
      g_autofree char *id = g_strdup_printf ("PA-%05u", i);

      g_ptr_array_add (complaints, full_complaint (id));
    }
  g_ptr_array_add (stations, make_station ("1", TRUE));
  g_ptr_array_add (units, ioc_tthc_unit_new ("so-01", "Sở Xây dựng", IOC_TTHC_UNIT_KIND_SO_NGANH, NULL));
  g_ptr_array_add (stats, stats_for ("so-01", "2025-02-01", "2025-03-02", 1));
  {
    g_autoptr(GBytes) c = ioc_snapshot_codec_encode_complaints (complaints);
    g_autoptr(GBytes) s = ioc_snapshot_codec_encode_stations (stations);
    g_autoptr(GBytes) u = ioc_snapshot_codec_encode_tthc_units (units);
    g_autoptr(GBytes) t = ioc_snapshot_codec_encode_tthc_stats (stats);

    save (store, "complaints", "", c, cached_at);
    save (store, "environment", "", s, cached_at + 1);
    save (store, "tthc", "units", u, cached_at + 2);
    save (store, "tthc", "stats", t, cached_at + 3);
  }

  /* As the app does: a pipeline first, the store later; no feed addresses,
   * so nothing can come from the network. */
  pipeline = ioc_pipeline_new (NULL);
  for (guint k = 0; k < IOC_N_FEED_KINDS; k++)
    g_assert_cmpint (ioc_feed_status_get_state (ioc_pipeline_get_status (pipeline, k)), ==, IOC_FEED_STATE_NONE);
  g_signal_connect (pipeline, "cache-loaded", G_CALLBACK (count_loaded), &loaded);
  ioc_pipeline_set_store (pipeline, store);
  while (loaded < IOC_N_FEED_KINDS)
    g_main_context_iteration (NULL, TRUE);

  for (guint k = 0; k < IOC_N_FEED_KINDS; k++)
    {
      IocFeedStatus *status = ioc_pipeline_get_status (pipeline, k);
      g_autoptr(GDateTime) expected = g_date_time_new_from_unix_utc (cached_at / G_USEC_PER_SEC);

      g_assert_cmpint (ioc_feed_status_get_state (status), ==, IOC_FEED_STATE_OFFLINE);
      g_assert_true (ioc_pipeline_get_cache_loaded (pipeline, k));
      /* "offline (showing cached data from date X)": X is the snapshot's time. */
      g_assert_nonnull (ioc_feed_status_get_last_success (status));
      g_assert_cmpint (g_date_time_to_unix (ioc_feed_status_get_last_success (status)), ==,
                       g_date_time_to_unix (expected));
    }
  {
    IocComplaintListModel *model = ioc_complaints_feed_get_model (ioc_pipeline_get_complaints (pipeline));
    IocComplaint *c = ioc_complaint_list_model_lookup (model, "PA-04999");

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n_complaints);
    g_assert_nonnull (c);
    g_assert_true (ioc_complaint_equal (c, complaints->pdata[n_complaints - 1]) ||
                   g_str_equal (ioc_complaint_get_service_request_id (c), "PA-04999"));
    g_assert_cmpstr (ioc_complaint_get_claimed_by (c), ==, "operator-1");
  }
  {
    IocStationListModel *model = ioc_environment_feed_get_model (ioc_pipeline_get_environment (pipeline));

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
    assert_same_station (stations->pdata[0], ioc_station_list_model_lookup (model, "1"));
  }
  {
    IocTthcFeed *tthc = ioc_pipeline_get_tthc (pipeline);

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (ioc_tthc_feed_get_units (tthc))), ==, 1);
    g_assert_cmpuint (ioc_tthc_feed_get_stats (tthc)->len, ==, 1);
    g_assert_true (ioc_tthc_stats_equal (stats->pdata[0], ioc_tthc_feed_get_stats (tthc)->pdata[0]));
  }

  g_clear_object (&pipeline);
  g_clear_object (&store);
  g_remove (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_remove (wal);
    g_remove (shm);
  }
  g_rmdir (dir);
}

static void
test_no_snapshot (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ioc-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(IocStore) store = NULL;
  g_autoptr(IocPipeline) pipeline = NULL;
  g_autoptr(GError) error = NULL;

  store = ioc_store_new_sync (path, NULL, &error);
  g_assert_no_error (error);
  pipeline = ioc_pipeline_new (store);
  while (!ioc_pipeline_get_cache_loaded (pipeline, 0) || !ioc_pipeline_get_cache_loaded (pipeline, 1) ||
         !ioc_pipeline_get_cache_loaded (pipeline, 2))
    g_main_context_iteration (NULL, TRUE);
  for (guint k = 0; k < IOC_N_FEED_KINDS; k++)
    g_assert_cmpint (ioc_feed_status_get_state (ioc_pipeline_get_status (pipeline, k)), ==, IOC_FEED_STATE_NONE);
  g_clear_object (&pipeline);
  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_remove (path);
    g_remove (wal);
    g_remove (shm);
  }
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/export/snapshot/complaints-round-trip", test_complaints_round_trip);
  g_test_add_func ("/export/snapshot/complaints-damaged", test_complaints_damaged);
  g_test_add_func ("/export/snapshot/stations-round-trip", test_stations_round_trip);
  g_test_add_func ("/export/snapshot/tthc-round-trip", test_tthc_round_trip);
  g_test_add_func ("/export/snapshot/offline-start", test_offline_start);
  g_test_add_func ("/export/snapshot/no-snapshot", test_no_snapshot);
  return g_test_run ();
}
