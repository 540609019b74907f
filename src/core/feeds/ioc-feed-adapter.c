/* ioc-feed-adapter.c — observed-property and status mappings as data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ioc-feed-adapter.h"
#include "ioc-feed-error.h"

typedef struct {
  IocParameter  parameter;
  char         *unit;  /* nullable */
} ParameterEntry;

struct _IocFeedAdapter
{
  GObject     parent_instance;

  GHashTable *parameter_names;        /* normalized name → ParameterEntry */
  GHashTable *parameter_definitions;  /* casefolded URI → ParameterEntry */
  GHashTable *statuses;               /* normalized word → GUINT_TO_POINTER (status + 1) */
};

G_DEFINE_FINAL_TYPE (IocFeedAdapter, ioc_feed_adapter, G_TYPE_OBJECT)

/* The defaults. The definitions are those used by common SensorThings
 * deployments (UCUM/CF vocabularies); the Vietnamese words are the labels of
 * domain.md §3 and the usual wording of provincial complaint portals. */
static const char default_data[] =
  "# IOC An Giang built-in feed adapter (docs/feed-adapters.md)\n"
  "[parameter PM2.5]\n"
  "names=PM2.5;pm25;PM 2.5;PM2_5;Particulate matter < 2.5 µm;Particulate Matter 2.5;Bụi PM2.5;mass_concentration_of_pm2p5_ambient_aerosol_particles_in_air\n"
  "definitions=http://vocab.nerc.ac.uk/collection/P01/current/PM25XXXX/;https://www.eionet.europa.eu/aqportal/ontology/pollutants/6001\n"
  "unit=µg/m³\n"
  "[parameter PM10]\n"
  "names=PM10;PM 10;Particulate matter < 10 µm;Particulate Matter 10;Bụi PM10;mass_concentration_of_pm10_ambient_aerosol_particles_in_air\n"
  "definitions=https://www.eionet.europa.eu/aqportal/ontology/pollutants/5\n"
  "unit=µg/m³\n"
  "[parameter O3]\n"
  "names=O3;Ozone;Ôzôn;mass_concentration_of_ozone_in_air\n"
  "definitions=https://www.eionet.europa.eu/aqportal/ontology/pollutants/7\n"
  "unit=µg/m³\n"
  "[parameter CO]\n"
  "names=CO;Carbon monoxide;Cacbon monoxit;mass_concentration_of_carbon_monoxide_in_air\n"
  "definitions=https://www.eionet.europa.eu/aqportal/ontology/pollutants/10\n"
  "unit=µg/m³\n"
  "[parameter NO2]\n"
  "names=NO2;Nitrogen dioxide;Nitơ đioxit;mass_concentration_of_nitrogen_dioxide_in_air\n"
  "definitions=https://www.eionet.europa.eu/aqportal/ontology/pollutants/8\n"
  "unit=µg/m³\n"
  "[parameter SO2]\n"
  "names=SO2;Sulphur dioxide;Sulfur dioxide;Lưu huỳnh đioxit;mass_concentration_of_sulfur_dioxide_in_air\n"
  "definitions=https://www.eionet.europa.eu/aqportal/ontology/pollutants/1\n"
  "unit=µg/m³\n"
  "[parameter TSP]\n"
  "names=TSP;Total suspended particulates;Bụi tổng\n"
  "unit=µg/m³\n"
  "[parameter pH]\n"
  "names=pH\n"
  "unit=\n"
  "[parameter DO]\n"
  "names=DO;Dissolved oxygen;Oxy hòa tan;Oxy hoà tan\n"
  "unit=mg/L\n"
  "[parameter temperature]\n"
  "names=temperature;Water temperature;Air temperature;Nhiệt độ;Temp\n"
  "definitions=http://mmisw.org/ont/cf/parameter/air_temperature;http://mmisw.org/ont/cf/parameter/sea_water_temperature;ucum:Cel\n"
  "unit=°C\n"
  "[parameter BOD5]\n"
  "names=BOD5;BOD;BOD 5;Biochemical oxygen demand\n"
  "unit=mg/L\n"
  "[parameter COD]\n"
  "names=COD;Chemical oxygen demand\n"
  "unit=mg/L\n"
  "[parameter TOC]\n"
  "names=TOC;Total organic carbon\n"
  "unit=mg/L\n"
  "[parameter N-NH4]\n"
  "names=N-NH4;NH4;NH4+;Amoni;Ammonium;N-NH4+\n"
  "unit=mg/L\n"
  "[parameter N-NO3]\n"
  "names=N-NO3;NO3;Nitrat;Nitrate\n"
  "unit=mg/L\n"
  "[parameter N-NO2]\n"
  "names=N-NO2;Nitrit;Nitrite\n"
  "unit=mg/L\n"
  "[parameter P-PO4]\n"
  "names=P-PO4;PO4;Phosphat;Phosphate;Photphat\n"
  "unit=mg/L\n"
  "[parameter TSS]\n"
  "names=TSS;Total suspended solids;Chất rắn lơ lửng\n"
  "unit=mg/L\n"
  "[parameter Coliform]\n"
  "names=Coliform;Total coliform;Tổng Coliform\n"
  "unit=MPN/100 mL\n"
  "[parameter E.coli]\n"
  "names=E.coli;E. coli;Escherichia coli\n"
  "unit=MPN/100 mL\n"
  "[parameter As]\n"
  "names=As;Arsenic;Asen\n"
  "unit=mg/L\n"
  "[parameter Cd]\n"
  "names=Cd;Cadmium;Cadimi\n"
  "unit=mg/L\n"
  "[parameter Pb]\n"
  "names=Pb;Lead;Chì\n"
  "unit=mg/L\n"
  "[parameter Cr6]\n"
  "names=Cr6;Cr6+;Cr(VI);Chromium VI;Crom VI\n"
  "unit=mg/L\n"
  "[parameter Cu]\n"
  "names=Cu;Copper;Đồng\n"
  "unit=mg/L\n"
  "[parameter Zn]\n"
  "names=Zn;Zinc;Kẽm\n"
  "unit=mg/L\n"
  "[parameter Hg]\n"
  "names=Hg;Mercury;Thủy ngân;Thuỷ ngân\n"
  "unit=mg/L\n"
  "[parameter water_level]\n"
  "names=water_level;Water level;Mực nước;Stage;WaterLevel\n"
  "definitions=http://mmisw.org/ont/cf/parameter/water_surface_height_above_reference_datum\n"
  "unit=m\n"
  "[parameter salinity]\n"
  "names=salinity;Độ mặn;Sea water salinity\n"
  "definitions=http://mmisw.org/ont/cf/parameter/sea_water_salinity\n"
  "unit=‰\n"
  "[status new]\n"
  "words=new;open;submitted;received;Chờ tiếp nhận;Mới\n"
  "[status acknowledged]\n"
  "words=acknowledged;confirmed;Đã tiếp nhận\n"
  "[status in_progress]\n"
  "words=in_progress;in progress;investigating;assigned;action_scheduled;Đang xử lý\n"
  "[status reopened]\n"
  "words=reopened;re-opened;Mở lại\n"
  "[status resolved]\n"
  "words=resolved;closed;fixed;completed;Đã giải quyết;Đã xử lý\n"
  "[status rejected]\n"
  "words=rejected;not_councils_responsibility;not responsible;no_further_action;wont_fix;Từ chối;Không thuộc thẩm quyền\n"
  "[status duplicate]\n"
  "words=duplicate;Trùng lặp\n";

/* Case folded, NFC, without ' ', '_', '-', '.', tabs. */
static char *
normalize_word (const char *word)
{
  g_autofree char *nfc = NULL;
  g_autofree char *folded = NULL;
  GString *out;

  if (word == NULL || !g_utf8_validate (word, -1, NULL))
    return NULL;
  nfc = g_utf8_normalize (word, -1, G_NORMALIZE_NFC);
  if (nfc == NULL)
    return NULL;
  folded = g_utf8_casefold (nfc, -1);
  out = g_string_new (NULL);
  for (const char *p = folded; *p; p++)
    if (!strchr (" _-.\t\r\n", *p))
      g_string_append_c (out, *p);
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

static char *
normalize_uri (const char *uri)
{
  g_autofree char *stripped = NULL;

  if (uri == NULL || !g_utf8_validate (uri, -1, NULL))
    return NULL;
  stripped = g_strstrip (g_strdup (uri));
  if (*stripped == '\0')
    return NULL;
  return g_utf8_casefold (stripped, -1);
}

static void
parameter_entry_free (gpointer data)
{
  ParameterEntry *entry = data;

  g_free (entry->unit);
  g_free (entry);
}

static void
ioc_feed_adapter_finalize (GObject *object)
{
  IocFeedAdapter *self = IOC_FEED_ADAPTER (object);

  g_clear_pointer (&self->parameter_names, g_hash_table_unref);
  g_clear_pointer (&self->parameter_definitions, g_hash_table_unref);
  g_clear_pointer (&self->statuses, g_hash_table_unref);

  G_OBJECT_CLASS (ioc_feed_adapter_parent_class)->finalize (object);
}

static void
ioc_feed_adapter_class_init (IocFeedAdapterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ioc_feed_adapter_finalize;
}

static void
ioc_feed_adapter_init (IocFeedAdapter *self)
{
  self->parameter_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, parameter_entry_free);
  self->parameter_definitions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, parameter_entry_free);
  self->statuses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

IocFeedAdapter *
ioc_feed_adapter_new_empty (void)
{
  return g_object_new (IOC_TYPE_FEED_ADAPTER, NULL);
}

/**
 * ioc_feed_adapter_new:
 *
 * The built-in mapping (feeds.md §2 parameter list, domain.md §3 statuses),
 * read from ioc_feed_adapter_get_default_data() by the operator-file parser.
 */
IocFeedAdapter *
ioc_feed_adapter_new (void)
{
  IocFeedAdapter *self = ioc_feed_adapter_new_empty ();
  g_autoptr(GError) error = NULL;

  if (!ioc_feed_adapter_load_data (self, default_data, -1, &error))
    g_error ("built-in feed adapter is invalid: %s", error->message);
  return self;
}

const char *
ioc_feed_adapter_get_default_data (void)
{
  return default_data;
}

static void
add_parameter (GHashTable   *table,
               char         *key,
               IocParameter  parameter,
               const char   *unit)
{
  ParameterEntry *entry = g_new0 (ParameterEntry, 1);

  entry->parameter = parameter;
  entry->unit = g_strdup (unit);
  g_hash_table_replace (table, key, entry);
}

/**
 * ioc_feed_adapter_load_data:
 *
 * Reads the GKeyFile format of ioc-feed-adapter.h. Nothing is changed when
 * the data has an error (unknown parameter or status, bad syntax): the
 * operator gets the reason and the previous mapping stays in use.
 */
gboolean
ioc_feed_adapter_load_data (IocFeedAdapter  *self,
                            const char      *data,
                            gssize           length,
                            GError         **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_auto(GStrv) groups = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) definitions = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) statuses = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) name_params = g_array_new (FALSE, FALSE, sizeof (IocParameter));
  g_autoptr(GArray) def_params = g_array_new (FALSE, FALSE, sizeof (IocParameter));
  g_autoptr(GPtrArray) name_units = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) def_units = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) status_values = g_array_new (FALSE, FALSE, sizeof (IocComplaintStatus));

  g_return_val_if_fail (IOC_IS_FEED_ADAPTER (self), FALSE);

  if (length < 0)
    length = (gssize) strlen (data);
  if (!g_utf8_validate_len (data, (gsize) length, NULL))
    {
      g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_INVALID,
                   _("The feed adapter file is not valid UTF-8 text"));
      return FALSE;
    }
  if (!g_key_file_load_from_data (key_file, data, (gsize) length, G_KEY_FILE_NONE, error))
    return FALSE;

  /* Collect first, apply after: an error leaves the adapter untouched. */
  groups = g_key_file_get_groups (key_file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      const char *group = groups[i];

      if (g_str_has_prefix (group, "parameter "))
        {
          const char *canonical = group + strlen ("parameter ");
          IocParameter parameter = ioc_parameter_from_string (canonical);
          g_auto(GStrv) list = NULL;
          g_auto(GStrv) defs = NULL;
          g_autofree char *unit = NULL;

          if (parameter == IOC_PARAMETER_UNKNOWN)
            {
              g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_INVALID,
                           _("Feed adapter: “%s” is not a known parameter"), canonical);
              return FALSE;
            }
          if (g_key_file_has_key (key_file, group, "unit", NULL))
            unit = g_key_file_get_string (key_file, group, "unit", NULL);
          else
            unit = g_strdup (ioc_parameter_unit (parameter));

          /* The canonical name always maps to itself. */
          g_ptr_array_add (names, normalize_word (canonical));
          g_array_append_val (name_params, parameter);
          g_ptr_array_add (name_units, g_strdup (unit));

          list = g_key_file_get_string_list (key_file, group, "names", NULL, NULL);
          for (guint j = 0; list != NULL && list[j] != NULL; j++)
            {
              char *key = normalize_word (list[j]);

              if (key == NULL)
                continue;
              g_ptr_array_add (names, key);
              g_array_append_val (name_params, parameter);
              g_ptr_array_add (name_units, g_strdup (unit));
            }
          defs = g_key_file_get_string_list (key_file, group, "definitions", NULL, NULL);
          for (guint j = 0; defs != NULL && defs[j] != NULL; j++)
            {
              char *key = normalize_uri (defs[j]);

              if (key == NULL)
                continue;
              g_ptr_array_add (definitions, key);
              g_array_append_val (def_params, parameter);
              g_ptr_array_add (def_units, g_strdup (unit));
            }
        }
      else if (g_str_has_prefix (group, "status "))
        {
          const char *code = group + strlen ("status ");
          IocComplaintStatus status;
          g_auto(GStrv) words = NULL;

          if (!ioc_complaint_status_from_string (code, &status))
            {
              g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_INVALID,
                           _("Feed adapter: “%s” is not a complaint status"), code);
              return FALSE;
            }
          g_ptr_array_add (statuses, normalize_word (code));
          g_array_append_val (status_values, status);
          words = g_key_file_get_string_list (key_file, group, "words", NULL, NULL);
          for (guint j = 0; words != NULL && words[j] != NULL; j++)
            {
              char *key = normalize_word (words[j]);

              if (key == NULL)
                continue;
              g_ptr_array_add (statuses, key);
              g_array_append_val (status_values, status);
            }
        }
      else
        {
          g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_INVALID,
                       _("Feed adapter: unknown section “%s”"), group);
          return FALSE;
        }
    }

  for (guint i = 0; i < names->len; i++)
    add_parameter (self->parameter_names, g_steal_pointer (&names->pdata[i]),
                   g_array_index (name_params, IocParameter, i), name_units->pdata[i]);
  for (guint i = 0; i < definitions->len; i++)
    add_parameter (self->parameter_definitions, g_steal_pointer (&definitions->pdata[i]),
                   g_array_index (def_params, IocParameter, i), def_units->pdata[i]);
  for (guint i = 0; i < statuses->len; i++)
    g_hash_table_replace (self->statuses, g_steal_pointer (&statuses->pdata[i]),
                          GUINT_TO_POINTER (g_array_index (status_values, IocComplaintStatus, i) + 1));

  return TRUE;
}

/**
 * ioc_feed_adapter_load_file:
 *
 * Extends or overrides the current mapping with an operator's file.
 */
gboolean
ioc_feed_adapter_load_file (IocFeedAdapter  *self,
                            const char      *path,
                            GError         **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (IOC_IS_FEED_ADAPTER (self), FALSE);

  if (!g_file_get_contents (path, &contents, &length, error))
    return FALSE;
  return ioc_feed_adapter_load_data (self, contents, (gssize) length, error);
}

IocParameter
ioc_feed_adapter_lookup_parameter (IocFeedAdapter  *self,
                                   const char      *name,
                                   const char      *definition,
                                   const char     **default_unit)
{
  ParameterEntry *entry = NULL;

  g_return_val_if_fail (IOC_IS_FEED_ADAPTER (self), IOC_PARAMETER_UNKNOWN);

  if (default_unit != NULL)
    *default_unit = NULL;

  /* The definition is the more precise key: try it first. */
  if (definition != NULL)
    {
      g_autofree char *key = normalize_uri (definition);

      if (key != NULL)
        entry = g_hash_table_lookup (self->parameter_definitions, key);
    }
  if (entry == NULL && name != NULL)
    {
      g_autofree char *key = normalize_word (name);

      if (key != NULL)
        entry = g_hash_table_lookup (self->parameter_names, key);
    }
  if (entry == NULL)
    return IOC_PARAMETER_UNKNOWN;
  if (default_unit != NULL)
    *default_unit = entry->unit;
  return entry->parameter;
}

gboolean
ioc_feed_adapter_lookup_status (IocFeedAdapter     *self,
                                const char         *word,
                                IocComplaintStatus *status)
{
  g_autofree char *key = NULL;
  gpointer value;

  g_return_val_if_fail (IOC_IS_FEED_ADAPTER (self), FALSE);

  key = normalize_word (word);
  if (key == NULL)
    return FALSE;
  value = g_hash_table_lookup (self->statuses, key);
  if (value == NULL)
    return FALSE;
  *status = (IocComplaintStatus) (GPOINTER_TO_UINT (value) - 1);
  return TRUE;
}
