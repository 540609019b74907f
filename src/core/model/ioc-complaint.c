/* ioc-complaint.c — one complaint: an Open311 GeoReport v2 service request
 * with the project's extensions (feeds.md §1, domain.md §3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ioc-complaint.h"

/* The string fields live in one array so that update_from() and equal()
 * walk them in a loop instead of repeating fourteen stanzas. */
enum {
  STR_SERVICE_REQUEST_ID,
  STR_STATUS_NOTES,
  STR_SERVICE_NAME,
  STR_SERVICE_CODE,
  STR_DESCRIPTION,
  STR_AGENCY_RESPONSIBLE,
  STR_SERVICE_NOTICE,
  STR_ADDRESS,
  STR_ADDRESS_ID,
  STR_ZIPCODE,
  STR_MEDIA_URL,
  STR_COMMUNE_CODE,
  STR_CLAIMED_BY,
  STR_DUPLICATE_OF,
  N_STRINGS
};

enum {
  DT_REQUESTED,
  DT_UPDATED,
  DT_EXPECTED,
  N_DATETIMES
};

struct _IocComplaint
{
  GObject parent_instance;

  char *strings[N_STRINGS];
  GDateTime *datetimes[N_DATETIMES];
  gboolean open;
  gboolean has_extended_status;
  IocComplaintStatus extended_status;
  gboolean has_location;
  double lat;
  double lon;
  IocPriority priority;
  IocComplaintChannel channel;
  GPtrArray *notes;     /* of IocComplaintNote, never NULL */
  char **media_urls;    /* NULL when none */
};

G_DEFINE_FINAL_TYPE (IocComplaint, ioc_complaint, G_TYPE_OBJECT)

enum {
  PROP_0,
  /* One property per string field, in the order of the STR_ enum. */
  PROP_SERVICE_REQUEST_ID,
  PROP_STATUS_NOTES,
  PROP_SERVICE_NAME,
  PROP_SERVICE_CODE,
  PROP_DESCRIPTION,
  PROP_AGENCY_RESPONSIBLE,
  PROP_SERVICE_NOTICE,
  PROP_ADDRESS,
  PROP_ADDRESS_ID,
  PROP_ZIPCODE,
  PROP_MEDIA_URL,
  PROP_COMMUNE_CODE,
  PROP_CLAIMED_BY,
  PROP_DUPLICATE_OF,
  /* One per datetime, in the order of the DT_ enum. */
  PROP_REQUESTED_DATETIME,
  PROP_UPDATED_DATETIME,
  PROP_EXPECTED_DATETIME,
  PROP_OPEN,
  PROP_EXTENDED_STATUS,
  PROP_HAS_EXTENDED_STATUS,
  PROP_STATUS,
  PROP_LAT,
  PROP_LONG,
  PROP_HAS_LOCATION,
  PROP_PRIORITY,
  PROP_CHANNEL,
  PROP_NOTES,
  PROP_MEDIA_URLS,
  N_PROPS
};

#define STRING_PROP(i)   (PROP_SERVICE_REQUEST_ID + (i))
#define DATETIME_PROP(i) (PROP_REQUESTED_DATETIME + (i))

static GParamSpec *properties[N_PROPS];

/* ----- channel ----------------------------------------------------------- */

static const char * const channel_names[IOC_N_COMPLAINT_CHANNELS] = {
  NULL, "app", "hotline", "web", "zalo",
};

/** ioc_complaint_channel_to_string: the feeds.md §1 `channel` code, %NULL for unknown. */
const char *
ioc_complaint_channel_to_string (IocComplaintChannel channel)
{
  g_return_val_if_fail ((guint) channel < IOC_N_COMPLAINT_CHANNELS, NULL);
  return channel_names[channel];
}

/**
 * ioc_complaint_channel_from_string:
 * @name: (nullable): a feeds.md §1 `channel` code (`app|hotline|web|zalo`)
 * @channel: (out) (optional): the channel, %IOC_COMPLAINT_CHANNEL_UNKNOWN on failure
 *
 * Returns: %TRUE when @name is one of the four codes (ASCII case ignored)
 */
gboolean
ioc_complaint_channel_from_string (const char          *name,
                                   IocComplaintChannel *channel)
{
  if (channel != NULL)
    *channel = IOC_COMPLAINT_CHANNEL_UNKNOWN;
  if (name == NULL)
    return FALSE;

  for (guint i = 1; i < IOC_N_COMPLAINT_CHANNELS; i++)
    if (g_ascii_strcasecmp (name, channel_names[i]) == 0)
      {
        if (channel != NULL)
          *channel = (IocComplaintChannel) i;
        return TRUE;
      }

  return FALSE;
}

/** ioc_complaint_channel_label: the translated name of the channel. */
const char *
ioc_complaint_channel_label (IocComplaintChannel channel)
{
  switch (channel)
    {
    case IOC_COMPLAINT_CHANNEL_UNKNOWN: return C_("complaint channel", "Unknown");
    case IOC_COMPLAINT_CHANNEL_APP: return C_("complaint channel", "App");
    case IOC_COMPLAINT_CHANNEL_HOTLINE: return C_("complaint channel", "Hotline");
    case IOC_COMPLAINT_CHANNEL_WEB: return C_("complaint channel", "Web");
    case IOC_COMPLAINT_CHANNEL_ZALO: return C_("complaint channel", "Zalo");
    case IOC_N_COMPLAINT_CHANNELS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* ----- helpers ----------------------------------------------------------- */

static gboolean
datetime_equal0 (GDateTime *a,
                 GDateTime *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_date_time_equal (a, b);
}

static gboolean
notes_equal (GPtrArray *a,
             GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!ioc_complaint_note_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;
  return TRUE;
}

static gboolean
strv_equal0 (char * const *a,
             char * const *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strv_equal ((const char * const *) a, (const char * const *) b);
}

/* Derivation when the server sent no extended_status (plain Open311):
 * closed → resolved, the only closed outcome such servers distinguish;
 * open → in progress once an agency is responsible, otherwise acknowledged,
 * since an Open311 server lists only requests it has taken in. */
static IocComplaintStatus
derive_status (IocComplaint *self)
{
  if (self->has_extended_status)
    return self->extended_status;
  if (!self->open)
    return IOC_COMPLAINT_STATUS_RESOLVED;
  if (self->strings[STR_AGENCY_RESPONSIBLE] != NULL && self->strings[STR_AGENCY_RESPONSIBLE][0] != '\0')
    return IOC_COMPLAINT_STATUS_IN_PROGRESS;
  return IOC_COMPLAINT_STATUS_ACKNOWLEDGED;
}

static void
notify_status_if_changed (IocComplaint       *self,
                          IocComplaintStatus  before)
{
  if (derive_status (self) != before)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

static gboolean
set_string (IocComplaint *self,
            guint         idx,
            const char   *value)
{
  IocComplaintStatus before = derive_status (self);

  if (g_strcmp0 (self->strings[idx], value) == 0)
    return FALSE;

  g_free (self->strings[idx]);
  self->strings[idx] = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[STRING_PROP (idx)]);
  if (idx == STR_AGENCY_RESPONSIBLE)
    notify_status_if_changed (self, before);
  return TRUE;
}

static gboolean
set_datetime (IocComplaint *self,
              guint         idx,
              GDateTime    *value)
{
  if (datetime_equal0 (self->datetimes[idx], value))
    return FALSE;

  g_clear_pointer (&self->datetimes[idx], g_date_time_unref);
  if (value != NULL)
    self->datetimes[idx] = g_date_time_ref (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[DATETIME_PROP (idx)]);
  return TRUE;
}

static gboolean
set_open (IocComplaint *self,
          gboolean      open)
{
  IocComplaintStatus before = derive_status (self);

  open = !!open;
  if (self->open == open)
    return FALSE;
  self->open = open;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPEN]);
  notify_status_if_changed (self, before);
  return TRUE;
}

static gboolean
set_extended_status (IocComplaint       *self,
                     gboolean            has,
                     IocComplaintStatus  status)
{
  IocComplaintStatus before = derive_status (self);
  gboolean changed = FALSE;

  if (!has)
    status = IOC_COMPLAINT_STATUS_NEW;
  if (self->has_extended_status != has)
    {
      self->has_extended_status = has;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_EXTENDED_STATUS]);
      changed = TRUE;
    }
  if (self->extended_status != status)
    {
      self->extended_status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXTENDED_STATUS]);
      changed = TRUE;
    }
  notify_status_if_changed (self, before);
  return changed;
}

static gboolean
set_location (IocComplaint *self,
              gboolean      has,
              double        lat,
              double        lon)
{
  gboolean changed = FALSE;

  if (!has)
    lat = lon = 0.0;
  if (self->has_location != has)
    {
      self->has_location = has;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_LOCATION]);
      changed = TRUE;
    }
  if (self->lat != lat)
    {
      self->lat = lat;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAT]);
      changed = TRUE;
    }
  if (self->lon != lon)
    {
      self->lon = lon;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LONG]);
      changed = TRUE;
    }
  return changed;
}

static gboolean
set_priority (IocComplaint *self,
              IocPriority   priority)
{
  g_return_val_if_fail ((guint) priority < IOC_N_PRIORITIES, FALSE);
  if (self->priority == priority)
    return FALSE;
  self->priority = priority;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRIORITY]);
  return TRUE;
}

static gboolean
set_channel (IocComplaint        *self,
             IocComplaintChannel  channel)
{
  g_return_val_if_fail ((guint) channel < IOC_N_COMPLAINT_CHANNELS, FALSE);
  if (self->channel == channel)
    return FALSE;
  self->channel = channel;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANNEL]);
  return TRUE;
}

static gboolean
set_notes (IocComplaint *self,
           GPtrArray    *notes)
{
  g_autoptr(GPtrArray) copy = g_ptr_array_new_with_free_func ((GDestroyNotify) ioc_complaint_note_free);

  if (notes != NULL)
    for (guint i = 0; i < notes->len; i++)
      g_ptr_array_add (copy, ioc_complaint_note_copy (g_ptr_array_index (notes, i)));

  if (notes_equal (self->notes, copy))
    return FALSE;

  g_ptr_array_unref (self->notes);
  self->notes = g_steal_pointer (&copy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES]);
  return TRUE;
}

static gboolean
set_media_urls (IocComplaint       *self,
                const char * const *urls)
{
  /* An empty list is stored as NULL so that [] and absent compare equal. */
  if (urls != NULL && urls[0] == NULL)
    urls = NULL;
  if (strv_equal0 (self->media_urls, (char * const *) urls))
    return FALSE;

  g_strfreev (self->media_urls);
  self->media_urls = g_strdupv ((char **) urls);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEDIA_URLS]);
  return TRUE;
}

/* ----- GObject ----------------------------------------------------------- */

static void
ioc_complaint_finalize (GObject *object)
{
  IocComplaint *self = (IocComplaint *) object;

  for (guint i = 0; i < N_STRINGS; i++)
    g_free (self->strings[i]);
  for (guint i = 0; i < N_DATETIMES; i++)
    g_clear_pointer (&self->datetimes[i], g_date_time_unref);
  g_ptr_array_unref (self->notes);
  g_strfreev (self->media_urls);

  G_OBJECT_CLASS (ioc_complaint_parent_class)->finalize (object);
}

static void
ioc_complaint_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  IocComplaint *self = IOC_COMPLAINT (object);

  if (prop_id >= PROP_SERVICE_REQUEST_ID && prop_id < PROP_SERVICE_REQUEST_ID + N_STRINGS)
    {
      g_value_set_string (value, self->strings[prop_id - PROP_SERVICE_REQUEST_ID]);
      return;
    }
  if (prop_id >= PROP_REQUESTED_DATETIME && prop_id < PROP_REQUESTED_DATETIME + N_DATETIMES)
    {
      g_value_set_boxed (value, self->datetimes[prop_id - PROP_REQUESTED_DATETIME]);
      return;
    }

  switch (prop_id)
    {
    case PROP_OPEN: g_value_set_boolean (value, self->open); break;
    case PROP_EXTENDED_STATUS: g_value_set_enum (value, self->extended_status); break;
    case PROP_HAS_EXTENDED_STATUS: g_value_set_boolean (value, self->has_extended_status); break;
    case PROP_STATUS: g_value_set_enum (value, derive_status (self)); break;
    case PROP_LAT: g_value_set_double (value, self->lat); break;
    case PROP_LONG: g_value_set_double (value, self->lon); break;
    case PROP_HAS_LOCATION: g_value_set_boolean (value, self->has_location); break;
    case PROP_PRIORITY: g_value_set_enum (value, self->priority); break;
    case PROP_CHANNEL: g_value_set_enum (value, self->channel); break;
    case PROP_NOTES: g_value_set_boxed (value, self->notes); break;
    case PROP_MEDIA_URLS: g_value_set_boxed (value, self->media_urls); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ioc_complaint_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  IocComplaint *self = IOC_COMPLAINT (object);

  if (prop_id >= PROP_SERVICE_REQUEST_ID && prop_id < PROP_SERVICE_REQUEST_ID + N_STRINGS)
    {
      set_string (self, prop_id - PROP_SERVICE_REQUEST_ID, g_value_get_string (value));
      return;
    }
  if (prop_id >= PROP_REQUESTED_DATETIME && prop_id < PROP_REQUESTED_DATETIME + N_DATETIMES)
    {
      set_datetime (self, prop_id - PROP_REQUESTED_DATETIME, g_value_get_boxed (value));
      return;
    }

  switch (prop_id)
    {
    case PROP_OPEN: set_open (self, g_value_get_boolean (value)); break;
    case PROP_EXTENDED_STATUS: set_extended_status (self, TRUE, g_value_get_enum (value)); break;
    case PROP_HAS_EXTENDED_STATUS:
      if (!g_value_get_boolean (value))
        set_extended_status (self, FALSE, IOC_COMPLAINT_STATUS_NEW);
      else
        set_extended_status (self, TRUE, self->extended_status);
      break;
    case PROP_PRIORITY: set_priority (self, g_value_get_enum (value)); break;
    case PROP_CHANNEL: set_channel (self, g_value_get_enum (value)); break;
    case PROP_NOTES: set_notes (self, g_value_get_boxed (value)); break;
    case PROP_MEDIA_URLS: set_media_urls (self, g_value_get_boxed (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ioc_complaint_class_init (IocComplaintClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  static const char * const string_names[N_STRINGS] = {
    "service-request-id", "status-notes", "service-name", "service-code",
    "description", "agency-responsible", "service-notice", "address",
    "address-id", "zipcode", "media-url", "commune-code", "claimed-by",
    "duplicate-of",
  };
  static const char * const datetime_names[N_DATETIMES] = {
    "requested-datetime", "updated-datetime", "expected-datetime",
  };

  object_class->finalize = ioc_complaint_finalize;
  object_class->get_property = ioc_complaint_get_property;
  object_class->set_property = ioc_complaint_set_property;

  for (guint i = 0; i < N_STRINGS; i++)
    properties[STRING_PROP (i)] = g_param_spec_string (string_names[i], NULL, NULL, NULL, rw);
  for (guint i = 0; i < N_DATETIMES; i++)
    properties[DATETIME_PROP (i)] = g_param_spec_boxed (datetime_names[i], NULL, NULL,
                                                        G_TYPE_DATE_TIME, rw);

  properties[PROP_OPEN] = g_param_spec_boolean ("open", NULL, NULL, TRUE, rw);
  properties[PROP_EXTENDED_STATUS] =
    g_param_spec_enum ("extended-status", NULL, NULL, IOC_TYPE_COMPLAINT_STATUS,
                       IOC_COMPLAINT_STATUS_NEW, rw);
  properties[PROP_HAS_EXTENDED_STATUS] =
    g_param_spec_boolean ("has-extended-status", NULL, NULL, FALSE, rw);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, IOC_TYPE_COMPLAINT_STATUS,
                       IOC_COMPLAINT_STATUS_ACKNOWLEDGED, ro);
  properties[PROP_LAT] = g_param_spec_double ("lat", NULL, NULL, -90.0, 90.0, 0.0, ro);
  properties[PROP_LONG] = g_param_spec_double ("long", NULL, NULL, -180.0, 180.0, 0.0, ro);
  properties[PROP_HAS_LOCATION] = g_param_spec_boolean ("has-location", NULL, NULL, FALSE, ro);
  properties[PROP_PRIORITY] =
    g_param_spec_enum ("priority", NULL, NULL, IOC_TYPE_PRIORITY, IOC_PRIORITY_THUONG, rw);
  properties[PROP_CHANNEL] =
    g_param_spec_enum ("channel", NULL, NULL, IOC_TYPE_COMPLAINT_CHANNEL,
                       IOC_COMPLAINT_CHANNEL_UNKNOWN, rw);
  properties[PROP_NOTES] = g_param_spec_boxed ("notes", NULL, NULL, G_TYPE_PTR_ARRAY, rw);
  properties[PROP_MEDIA_URLS] = g_param_spec_boxed ("media-urls", NULL, NULL, G_TYPE_STRV, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ioc_complaint_init (IocComplaint *self)
{
  self->open = TRUE;
  self->priority = IOC_PRIORITY_THUONG;
  self->channel = IOC_COMPLAINT_CHANNEL_UNKNOWN;
  self->notes = g_ptr_array_new_with_free_func ((GDestroyNotify) ioc_complaint_note_free);
}

/* ----- public API -------------------------------------------------------- */

/**
 * ioc_complaint_new:
 * @service_request_id: (nullable): the Open311 `service_request_id`
 *
 * Returns: (transfer full): an open complaint with no other field set
 */
IocComplaint *
ioc_complaint_new (const char *service_request_id)
{
  return g_object_new (IOC_TYPE_COMPLAINT, "service-request-id", service_request_id, NULL);
}

#define STRING_ACCESSORS(name, IDX)                                      \
const char *                                                             \
ioc_complaint_get_##name (IocComplaint *self)                            \
{                                                                        \
  g_return_val_if_fail (IOC_IS_COMPLAINT (self), NULL);                  \
  return self->strings[IDX];                                             \
}                                                                        \
void                                                                     \
ioc_complaint_set_##name (IocComplaint *self,                            \
                          const char   *value)                           \
{                                                                        \
  g_return_if_fail (IOC_IS_COMPLAINT (self));                            \
  set_string (self, IDX, value);                                         \
}

/* Open311 standard fields and the string extensions (feeds.md §1). */
STRING_ACCESSORS (service_request_id, STR_SERVICE_REQUEST_ID)
STRING_ACCESSORS (status_notes, STR_STATUS_NOTES)
STRING_ACCESSORS (service_name, STR_SERVICE_NAME)
STRING_ACCESSORS (service_code, STR_SERVICE_CODE)
STRING_ACCESSORS (description, STR_DESCRIPTION)
STRING_ACCESSORS (agency_responsible, STR_AGENCY_RESPONSIBLE)
STRING_ACCESSORS (service_notice, STR_SERVICE_NOTICE)
STRING_ACCESSORS (address, STR_ADDRESS)
STRING_ACCESSORS (address_id, STR_ADDRESS_ID)
STRING_ACCESSORS (zipcode, STR_ZIPCODE)
STRING_ACCESSORS (media_url, STR_MEDIA_URL)
STRING_ACCESSORS (commune_code, STR_COMMUNE_CODE)
STRING_ACCESSORS (claimed_by, STR_CLAIMED_BY)
STRING_ACCESSORS (duplicate_of, STR_DUPLICATE_OF)

#define DATETIME_ACCESSORS(name, IDX)                                    \
GDateTime *                                                              \
ioc_complaint_get_##name (IocComplaint *self)                            \
{                                                                        \
  g_return_val_if_fail (IOC_IS_COMPLAINT (self), NULL);                  \
  return self->datetimes[IDX];                                           \
}                                                                        \
void                                                                     \
ioc_complaint_set_##name (IocComplaint *self,                            \
                          GDateTime    *value)                           \
{                                                                        \
  g_return_if_fail (IOC_IS_COMPLAINT (self));                            \
  set_datetime (self, IDX, value);                                       \
}

/* ISO 8601 datetimes with offset (feeds.md §1); expected_datetime, when the
 * server sends it, wins over the local deadline computation (domain.md §3). */
DATETIME_ACCESSORS (requested_datetime, DT_REQUESTED)
DATETIME_ACCESSORS (updated_datetime, DT_UPDATED)
DATETIME_ACCESSORS (expected_datetime, DT_EXPECTED)

/** ioc_complaint_get_open: the Open311 `status` as sent (TRUE for "open"). */
gboolean
ioc_complaint_get_open (IocComplaint *self)
{
  g_return_val_if_fail (IOC_IS_COMPLAINT (self), FALSE);
  return self->open;
}

void
ioc_complaint_set_open (IocComplaint *self,
                        gboolean      open)
{
  g_return_if_fail (IOC_IS_COMPLAINT (self));
  set_open (self, open);
}

gboolean
ioc_complaint_get_has_location (IocComplaint *self)
{
  g_return_val_if_fail (IOC_IS_COMPLAINT (self), FALSE);
  return self->has_location;
}

double
ioc_complaint_get_lat (IocComplaint *self)
{
  g_return_val_if_fail (IOC_IS_COMPLAINT (self), 0.0);
  return self->lat;
}

double
ioc_complaint_get_long (IocComplaint *self)
{
  g_return_val_if_fail (IOC_IS_COMPLAINT (self), 0.0);
  return self->lon;
}

/**
 * ioc_complaint_set_location:
 * @lat: WGS 84 latitude, −90…90
 * @lon: WGS 84 longitude, −180…180
 *
 * Open311 sends `lat` and `long` together; a request without them has no
 * location (feeds.md §1).
 */
void
ioc_complaint_set_location (IocComplaint *self,
                            double        lat,
                            double        lon)
{
  g_return_if_fail (IOC_IS_COMPLAINT (self));
  g_return_if_fail (lat >= -90.0 && lat <= 90.0);
  g_return_if_fail (lon >= -180.0 && lon <= 180.0);
  set_location (self, TRUE, lat, lon);
}

void
ioc_complaint_clear_location (IocComplaint *self)
{
  g_return_if_fail (IOC_IS_COMPLAINT (self));
  set_location (self, FALSE, 0.0, 0.0);
}

gboolean
ioc_complaint_get_has_extended_status (IocComplaint *self)
{
  g_return_val_if_fail (IOC_IS_COMPLAINT (self), FALSE);
  return self->has_extended_status;
}

IocComplaintStatus
ioc_complaint_get_extended_status (IocComplaint *self)
{
  g_return_val_if_fail (IOC_IS_COMPLAINT (self), IOC_COMPLAINT_STATUS_NEW);
  return self->extended_status;
}

/** ioc_complaint_set_extended_status: the feeds.md §1 `extended_status` extension. */
void
ioc_complaint_set_extended_status (IocComplaint       *self,
                                   IocComplaintStatus  status)
{
  g_return_if_fail (IOC_IS_COMPLAINT (self));
  g_return_if_fail ((guint) status < IOC_N_COMPLAINT_STATUSES);
  set_extended_status (self, TRUE, status);
}

void
ioc_complaint_clear_extended_status (IocComplaint *self)
{
  g_return_if_fail (IOC_IS_COMPLAINT (self));
  set_extended_status (self, FALSE, IOC_COMPLAINT_STATUS_NEW);
}

/**
 * ioc_complaint_get_status:
 *
 * The effective status (domain.md §3): the server's `extended_status` when it
 * sent one; otherwise derived from Open311 open/closed — closed is resolved;
 * open is in progress when an agency is responsible, acknowledged otherwise.
 */
IocComplaintStatus
ioc_complaint_get_status (IocComplaint *self)
{
  g_return_val_if_fail (IOC_IS_COMPLAINT (self), IOC_COMPLAINT_STATUS_NEW);
  return derive_status (self);
}

/** ioc_complaint_is_open: open per domain.md §3's status table. */
gboolean
ioc_complaint_is_open (IocComplaint *self)
{
  g_return_val_if_fail (IOC_IS_COMPLAINT (self), FALSE);
  return ioc_complaint_status_is_open (derive_status (self));
}

/** ioc_complaint_get_priority: feeds.md §1 `priority`; thường when absent. */
IocPriority
ioc_complaint_get_priority (IocComplaint *self)
{
  g_return_val_if_fail (IOC_IS_COMPLAINT (self), IOC_PRIORITY_THUONG);
  return self->priority;
}

void
ioc_complaint_set_priority (IocComplaint *self,
                            IocPriority   priority)
{
  g_return_if_fail (IOC_IS_COMPLAINT (self));
  set_priority (self, priority);
}

GPtrArray *
ioc_complaint_get_notes (IocComplaint *self)
{
  g_return_val_if_fail (IOC_IS_COMPLAINT (self), NULL);
  return self->notes;
}

void
ioc_complaint_set_notes (IocComplaint *self,
                         GPtrArray    *notes)
{
  g_return_if_fail (IOC_IS_COMPLAINT (self));
  set_notes (self, notes);
}

/** ioc_complaint_add_note: appends a copy of @note to the history. */
void
ioc_complaint_add_note (IocComplaint           *self,
                        const IocComplaintNote *note)
{
  g_return_if_fail (IOC_IS_COMPLAINT (self));
  g_return_if_fail (note != NULL);
  g_ptr_array_add (self->notes, ioc_complaint_note_copy (note));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES]);
}

const char * const *
ioc_complaint_get_media_urls (IocComplaint *self)
{
  g_return_val_if_fail (IOC_IS_COMPLAINT (self), NULL);
  return (const char * const *) self->media_urls;
}

void
ioc_complaint_set_media_urls (IocComplaint       *self,
                              const char * const *urls)
{
  g_return_if_fail (IOC_IS_COMPLAINT (self));
  set_media_urls (self, urls);
}

IocComplaintChannel
ioc_complaint_get_channel (IocComplaint *self)
{
  g_return_val_if_fail (IOC_IS_COMPLAINT (self), IOC_COMPLAINT_CHANNEL_UNKNOWN);
  return self->channel;
}

void
ioc_complaint_set_channel (IocComplaint        *self,
                           IocComplaintChannel  channel)
{
  g_return_if_fail (IOC_IS_COMPLAINT (self));
  set_channel (self, channel);
}

/**
 * ioc_complaint_get_resolved_datetime:
 *
 * When a closed complaint was resolved, for the median time to resolve
 * (domain.md §3): the datetime of the latest note recording the resolution
 * (see ioc_complaint_note_is_resolution()), else updated_datetime, the best
 * a plain Open311 server offers. An open complaint (also a reopened one) has
 * none.
 *
 * Returns: (transfer none) (nullable)
 */
GDateTime *
ioc_complaint_get_resolved_datetime (IocComplaint *self)
{
  GDateTime *best = NULL;

  g_return_val_if_fail (IOC_IS_COMPLAINT (self), NULL);

  if (ioc_complaint_status_is_open (derive_status (self)))
    return NULL;

  for (guint i = 0; i < self->notes->len; i++)
    {
      IocComplaintNote *note = g_ptr_array_index (self->notes, i);

      if (note->datetime != NULL && ioc_complaint_note_is_resolution (note)
          && (best == NULL || g_date_time_compare (note->datetime, best) > 0))
        best = note->datetime;
    }

  return best != NULL ? best : self->datetimes[DT_UPDATED];
}

/**
 * ioc_complaint_is_overdue:
 * @due: (nullable): the due time (expected_datetime or the calendar's)
 * @now: the current time
 *
 * domain.md §3: *quá hạn* is derived, not stored — the complaint is open and
 * @now is past @due. Without a due time nothing is overdue.
 */
gboolean
ioc_complaint_is_overdue (IocComplaint *self,
                          GDateTime    *due,
                          GDateTime    *now)
{
  g_return_val_if_fail (IOC_IS_COMPLAINT (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  return due != NULL
         && ioc_complaint_status_is_open (derive_status (self))
         && g_date_time_compare (now, due) > 0;
}

/**
 * ioc_complaint_update_from:
 * @other: the fresh copy of the same request, as parsed from the feed
 *
 * Copies every field of @other that differs into @self. Notifications are
 * frozen meanwhile and emitted once per property that actually changed, so
 * the live model can keep its rows (and the selection) stable on refresh.
 *
 * Returns: %TRUE when anything changed
 */
gboolean
ioc_complaint_update_from (IocComplaint *self,
                           IocComplaint *other)
{
  gboolean changed = FALSE;

  g_return_val_if_fail (IOC_IS_COMPLAINT (self), FALSE);
  g_return_val_if_fail (IOC_IS_COMPLAINT (other), FALSE);

  if (self == other)
    return FALSE;

  g_object_freeze_notify (G_OBJECT (self));

  for (guint i = 0; i < N_STRINGS; i++)
    changed |= set_string (self, i, other->strings[i]);
  for (guint i = 0; i < N_DATETIMES; i++)
    changed |= set_datetime (self, i, other->datetimes[i]);
  changed |= set_open (self, other->open);
  changed |= set_extended_status (self, other->has_extended_status, other->extended_status);
  changed |= set_location (self, other->has_location, other->lat, other->lon);
  changed |= set_priority (self, other->priority);
  changed |= set_channel (self, other->channel);
  changed |= set_notes (self, other->notes);
  changed |= set_media_urls (self, (const char * const *) other->media_urls);

  g_object_thaw_notify (G_OBJECT (self));

  return changed;
}

/** ioc_complaint_equal: every field equal (datetimes as instants). */
gboolean
ioc_complaint_equal (IocComplaint *a,
                     IocComplaint *b)
{
  g_return_val_if_fail (IOC_IS_COMPLAINT (a), FALSE);
  g_return_val_if_fail (IOC_IS_COMPLAINT (b), FALSE);

  if (a == b)
    return TRUE;

  for (guint i = 0; i < N_STRINGS; i++)
    if (g_strcmp0 (a->strings[i], b->strings[i]) != 0)
      return FALSE;
  for (guint i = 0; i < N_DATETIMES; i++)
    if (!datetime_equal0 (a->datetimes[i], b->datetimes[i]))
      return FALSE;

  return a->open == b->open
         && a->has_extended_status == b->has_extended_status
         && a->extended_status == b->extended_status
         && a->has_location == b->has_location
         && a->lat == b->lat
         && a->lon == b->lon
         && a->priority == b->priority
         && a->channel == b->channel
         && notes_equal (a->notes, b->notes)
         && strv_equal0 (a->media_urls, b->media_urls);
}

/** ioc_complaint_copy: (transfer full): a new complaint equal to @self. */
IocComplaint *
ioc_complaint_copy (IocComplaint *self)
{
  IocComplaint *copy;

  g_return_val_if_fail (IOC_IS_COMPLAINT (self), NULL);

  copy = g_object_new (IOC_TYPE_COMPLAINT, NULL);
  ioc_complaint_update_from (copy, self);
  return copy;
}
