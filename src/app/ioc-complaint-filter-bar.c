/* ioc-complaint-filter-bar.c — the filter controls of the complaints queue
 *
 * Issue "Complaint triage": filters for status, field, commune, agency,
 * priority (several values each, IocQueueChoiceButton), the received date
 * (presets or a custom from/to range on two calendars), overdue and "mine".
 *
 * The bar shows the IocComplaintFilter and edits it: a change in a control
 * sets the filter, and any change of the filter (a saved view applied, the
 * filters reset, a test) is shown back in the controls. The filter stays the
 * single source of truth, so counts, exports and saved views always agree
 * with what the bar shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ioc-accessible.h"
#include "ioc-calendar.h"
#include "ioc-commune.h"
#include "ioc-complaint-filter-bar.h"
#include "ioc-format.h"

struct _IocComplaintFilterBar
{
  GtkWidget             parent_instance;

  GtkBox               *box;
  IocQueueChoiceButton *choices[IOC_N_FILTER_DIMENSIONS];
  GtkMenuButton        *period_button;
  GtkPopover           *period_popover;
  GtkCheckButton       *period_checks[IOC_N_FILTER_PERIODS];
  GtkCalendar          *from_calendar;
  GtkCalendar          *to_calendar;
  GtkLabel             *range_error;
  GtkToggleButton      *overdue_toggle;
  GtkToggleButton      *mine_toggle;

  IocComplaintFilter   *filter;
  GDateTime            *now;
  IocFilterPeriod       period;
  char                 *period_label;
  gboolean              syncing;
};

G_DEFINE_FINAL_TYPE (IocComplaintFilterBar, ioc_complaint_filter_bar, GTK_TYPE_WIDGET)

static const char *period_names[IOC_N_FILTER_PERIODS] = {
  N_("Any time"), N_("Today"), N_("Last 7 days"), N_("Last 30 days"), N_("This year"), N_("Custom range…"),
};

/* --- masks and ids ---------------------------------------------------------- */

static const char *
dimension_id (IocFilterDimension dimension,
              guint              value)
{
  switch (dimension)
    {
    case IOC_FILTER_DIMENSION_STATUS: return ioc_complaint_status_to_string (value);
    case IOC_FILTER_DIMENSION_FIELD: return value < IOC_N_FIELDS ? ioc_field_to_string (value) : "other";
    case IOC_FILTER_DIMENSION_PRIORITY: return ioc_priority_to_string (value);
    case IOC_FILTER_DIMENSION_COMMUNE:
    case IOC_FILTER_DIMENSION_AGENCY:
    case IOC_N_FILTER_DIMENSIONS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static guint
dimension_size (IocFilterDimension dimension)
{
  switch (dimension)
    {
    case IOC_FILTER_DIMENSION_STATUS: return IOC_N_COMPLAINT_STATUSES;
    case IOC_FILTER_DIMENSION_FIELD: return IOC_N_FIELDS + 1;   /* + "other" */
    case IOC_FILTER_DIMENSION_PRIORITY: return IOC_N_PRIORITIES;
    case IOC_FILTER_DIMENSION_COMMUNE:
    case IOC_FILTER_DIMENSION_AGENCY:
    case IOC_N_FILTER_DIMENSIONS:
    default:
      return 0;
    }
}

static guint
ids_to_mask (IocFilterDimension   dimension,
             const char * const  *ids)
{
  guint mask = 0;

  for (guint v = 0; ids != NULL && v < dimension_size (dimension); v++)
    if (g_strv_contains (ids, dimension_id (dimension, v)))
      mask |= IOC_COMPLAINT_FILTER_BIT (v);
  return mask;
}

static GStrv
mask_to_ids (IocFilterDimension dimension,
             guint              mask)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint v = 0; v < dimension_size (dimension); v++)
    if (mask & IOC_COMPLAINT_FILTER_BIT (v))
      g_strv_builder_add (builder, dimension_id (dimension, v));
  return g_strv_builder_end (builder);
}

/* --- periods ------------------------------------------------------------------ */

static GDateTime *
bar_now (IocComplaintFilterBar *self)
{
  return self->now != NULL ? g_date_time_ref (self->now) : g_date_time_new_now_utc ();
}

/* Midnight starting the day of @t in Vietnam (domain.md §1: every day of the
 * domain is a day in Asia/Ho_Chi_Minh, whatever the machine's zone). */
static GDateTime *
vn_midnight (GDateTime *t)
{
  g_autoptr(GTimeZone) tz = ioc_calendar_get_time_zone ();
  g_autoptr(GDateTime) local = g_date_time_to_timezone (t, tz);

  return g_date_time_new (tz, g_date_time_get_year (local), g_date_time_get_month (local),
                          g_date_time_get_day_of_month (local), 0, 0, 0);
}

/* [*from, *to) of a preset; both NULL for "any time". */
static void
preset_range (IocComplaintFilterBar  *self,
              IocFilterPeriod         period,
              GDateTime             **from,
              GDateTime             **to)
{
  g_autoptr(GDateTime) now = bar_now (self);
  g_autoptr(GDateTime) today = vn_midnight (now);

  *from = *to = NULL;
  switch (period)
    {
    case IOC_FILTER_PERIOD_TODAY: *from = g_date_time_ref (today); break;
    case IOC_FILTER_PERIOD_7_DAYS: *from = g_date_time_add_days (today, -6); break;
    case IOC_FILTER_PERIOD_30_DAYS: *from = g_date_time_add_days (today, -29); break;
    case IOC_FILTER_PERIOD_YEAR:
      *from = g_date_time_add_full (today, 0, 1 - g_date_time_get_month (today),
                                    1 - g_date_time_get_day_of_month (today), 0, 0, 0);
      break;
    case IOC_FILTER_PERIOD_ANY:
    case IOC_FILTER_PERIOD_CUSTOM:
    case IOC_N_FILTER_PERIODS:
    default:
      break;
    }
}

static gboolean
time_equal0 (GDateTime *a,
             GDateTime *b)
{
  return a == NULL || b == NULL ? a == b : g_date_time_equal (a, b);
}

static void
update_period_label (IocComplaintFilterBar *self)
{
  GDateTime *from = self->filter != NULL ? ioc_complaint_filter_get_received_from (self->filter) : NULL;
  GDateTime *to = self->filter != NULL ? ioc_complaint_filter_get_received_to (self->filter) : NULL;

  g_free (self->period_label);
  if (self->period == IOC_FILTER_PERIOD_CUSTOM)
    {
      IocFormatStyle style = ioc_format_style_default ();
      g_autoptr(GDateTime) last = to != NULL ? g_date_time_add_seconds (to, -1) : NULL;
      g_autofree char *a = from != NULL ? ioc_format_date (style, from) : g_strdup ("…");
      g_autofree char *b = last != NULL ? ioc_format_date (style, last) : g_strdup ("…");

      /* TRANSLATORS: a received-date range, first and last day included */
      self->period_label = g_strdup_printf (_("%s – %s"), a, b);
    }
  else
    self->period_label = g_strdup (_(period_names[self->period]));
  gtk_menu_button_set_label (self->period_button, self->period_label);
  if (self->period != IOC_FILTER_PERIOD_ANY)
    gtk_widget_add_css_class (GTK_WIDGET (self->period_button), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->period_button), "accent");
}

/* Calendars show the custom range's first and last day (or today). */
static void
show_range_in_calendars (IocComplaintFilterBar *self)
{
  g_autoptr(GTimeZone) tz = ioc_calendar_get_time_zone ();
  g_autoptr(GDateTime) now = bar_now (self);
  GDateTime *from = ioc_complaint_filter_get_received_from (self->filter);
  GDateTime *to = ioc_complaint_filter_get_received_to (self->filter);
  g_autoptr(GDateTime) first = g_date_time_to_timezone (from != NULL ? from : now, tz);
  g_autoptr(GDateTime) end = to != NULL ? g_date_time_add_seconds (to, -1) : g_date_time_ref (now);
  g_autoptr(GDateTime) last = g_date_time_to_timezone (end, tz);
  /* GtkCalendar reads the day in the process's zone: hand it a local date. */
  g_autoptr(GDateTime) a = g_date_time_new_local (g_date_time_get_year (first), g_date_time_get_month (first),
                                                  g_date_time_get_day_of_month (first), 12, 0, 0);
  g_autoptr(GDateTime) b = g_date_time_new_local (g_date_time_get_year (last), g_date_time_get_month (last),
                                                  g_date_time_get_day_of_month (last), 12, 0, 0);

  gtk_calendar_select_day (self->from_calendar, a);
  gtk_calendar_select_day (self->to_calendar, b);
}

/* --- filter → controls ------------------------------------------------------------- */

static void
sync_controls (IocComplaintFilterBar *self)
{
  static const IocFilterDimension masked[] = {
    IOC_FILTER_DIMENSION_STATUS, IOC_FILTER_DIMENSION_FIELD, IOC_FILTER_DIMENSION_PRIORITY,
  };
  GDateTime *from = ioc_complaint_filter_get_received_from (self->filter);
  GDateTime *to = ioc_complaint_filter_get_received_to (self->filter);
  g_autoptr(GDateTime) pf = NULL;
  g_autoptr(GDateTime) pt = NULL;

  self->syncing = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (masked); i++)
    {
      guint mask = masked[i] == IOC_FILTER_DIMENSION_STATUS ? ioc_complaint_filter_get_status_mask (self->filter)
                 : masked[i] == IOC_FILTER_DIMENSION_FIELD ? ioc_complaint_filter_get_field_mask (self->filter)
                 : ioc_complaint_filter_get_priority_mask (self->filter);
      g_auto(GStrv) ids = mask_to_ids (masked[i], mask);

      ioc_queue_choice_button_set_selected (self->choices[masked[i]], (const char * const *) ids);
    }
  ioc_queue_choice_button_set_selected (self->choices[IOC_FILTER_DIMENSION_COMMUNE],
                                        ioc_complaint_filter_get_communes (self->filter));
  ioc_queue_choice_button_set_selected (self->choices[IOC_FILTER_DIMENSION_AGENCY],
                                        ioc_complaint_filter_get_agencies (self->filter));

  /* The period: the preset still chosen if the range is still its range,
   * else "any time" or a custom range (a saved view holds absolute dates). */
  preset_range (self, self->period, &pf, &pt);
  if (self->period == IOC_FILTER_PERIOD_CUSTOM || !time_equal0 (pf, from) || !time_equal0 (pt, to))
    self->period = from == NULL && to == NULL ? IOC_FILTER_PERIOD_ANY : IOC_FILTER_PERIOD_CUSTOM;
  gtk_check_button_set_active (self->period_checks[self->period], TRUE);
  if (self->period == IOC_FILTER_PERIOD_CUSTOM)
    show_range_in_calendars (self);
  update_period_label (self);

  gtk_toggle_button_set_active (self->overdue_toggle, ioc_complaint_filter_get_overdue_only (self->filter));
  gtk_toggle_button_set_active (self->mine_toggle, ioc_complaint_filter_get_mine (self->filter));
  self->syncing = FALSE;
}

/* --- controls → filter --------------------------------------------------------------- */

static void
choice_changed (IocQueueChoiceButton  *choice,
                IocComplaintFilterBar *self)
{
  g_auto(GStrv) ids = ioc_queue_choice_button_dup_selected (choice);

  if (self->syncing || self->filter == NULL)
    return;
  if (choice == self->choices[IOC_FILTER_DIMENSION_STATUS])
    ioc_complaint_filter_set_status_mask (self->filter, ids_to_mask (IOC_FILTER_DIMENSION_STATUS, (const char * const *) ids));
  else if (choice == self->choices[IOC_FILTER_DIMENSION_FIELD])
    ioc_complaint_filter_set_field_mask (self->filter, ids_to_mask (IOC_FILTER_DIMENSION_FIELD, (const char * const *) ids));
  else if (choice == self->choices[IOC_FILTER_DIMENSION_PRIORITY])
    ioc_complaint_filter_set_priority_mask (self->filter, ids_to_mask (IOC_FILTER_DIMENSION_PRIORITY, (const char * const *) ids));
  else if (choice == self->choices[IOC_FILTER_DIMENSION_COMMUNE])
    ioc_complaint_filter_set_communes (self->filter, (const char * const *) ids);
  else if (choice == self->choices[IOC_FILTER_DIMENSION_AGENCY])
    ioc_complaint_filter_set_agencies (self->filter, (const char * const *) ids);
}

static void
toggles_changed (IocComplaintFilterBar *self)
{
  if (self->syncing || self->filter == NULL)
    return;
  ioc_complaint_filter_set_overdue_only (self->filter, gtk_toggle_button_get_active (self->overdue_toggle));
  ioc_complaint_filter_set_mine (self->filter, gtk_toggle_button_get_active (self->mine_toggle));
}

static void
period_toggled (GtkCheckButton        *check,
                IocComplaintFilterBar *self)
{
  if (self->syncing || !gtk_check_button_get_active (check))
    return;
  for (guint p = 0; p < IOC_N_FILTER_PERIODS; p++)
    if (self->period_checks[p] == check)
      {
        /* "Custom range…" waits for the calendars and Apply. */
        if (p == IOC_FILTER_PERIOD_CUSTOM)
          gtk_widget_grab_focus (GTK_WIDGET (self->from_calendar));
        else
          ioc_complaint_filter_bar_set_period (self, p);
      }
}

/* A calendar's day as midnight in Vietnam. */
static GDateTime *
calendar_day (GtkCalendar *calendar)
{
  g_autoptr(GDateTime) d = gtk_calendar_get_date (calendar);
  g_autoptr(GTimeZone) tz = ioc_calendar_get_time_zone ();

  return g_date_time_new (tz, g_date_time_get_year (d), g_date_time_get_month (d),
                          g_date_time_get_day_of_month (d), 0, 0, 0);
}

static void
apply_clicked (IocComplaintFilterBar *self)
{
  g_autoptr(GDateTime) first = calendar_day (self->from_calendar);
  g_autoptr(GDateTime) last = calendar_day (self->to_calendar);

  if (ioc_complaint_filter_bar_apply_custom_range (self, first, last, NULL))
    gtk_popover_popdown (self->period_popover);
}

/* --- life cycle ------------------------------------------------------------------------ */

static void
ioc_complaint_filter_bar_dispose (GObject *object)
{
  IocComplaintFilterBar *self = IOC_COMPLAINT_FILTER_BAR (object);

  self->syncing = TRUE;
  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  g_clear_object (&self->filter);
  if (self->box != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->box));
  self->box = NULL;

  G_OBJECT_CLASS (ioc_complaint_filter_bar_parent_class)->dispose (object);
}

static void
ioc_complaint_filter_bar_finalize (GObject *object)
{
  IocComplaintFilterBar *self = IOC_COMPLAINT_FILTER_BAR (object);

  g_clear_pointer (&self->now, g_date_time_unref);
  g_free (self->period_label);

  G_OBJECT_CLASS (ioc_complaint_filter_bar_parent_class)->finalize (object);
}

static void
ioc_complaint_filter_bar_class_init (IocComplaintFilterBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ioc_complaint_filter_bar_dispose;
  object_class->finalize = ioc_complaint_filter_bar_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "complaint-filter-bar");
}

static GtkWidget *
build_period_popover (IocComplaintFilterBar *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *apply = gtk_button_new_with_mnemonic (_("_Apply range"));
  GtkWidget *from_label = gtk_label_new (_("From"));
  GtkWidget *to_label = gtk_label_new (_("To (included)"));

  for (guint p = 0; p < IOC_N_FILTER_PERIODS; p++)
    {
      self->period_checks[p] = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (_(period_names[p])));
      if (p > 0)
        gtk_check_button_set_group (self->period_checks[p], self->period_checks[0]);
      g_signal_connect (self->period_checks[p], "toggled", G_CALLBACK (period_toggled), self);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->period_checks[p]));
    }
  gtk_check_button_set_active (self->period_checks[0], TRUE);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_widget_set_halign (from_label, GTK_ALIGN_START);
  gtk_widget_set_halign (to_label, GTK_ALIGN_START);
  self->from_calendar = GTK_CALENDAR (gtk_calendar_new ());
  self->to_calendar = GTK_CALENDAR (gtk_calendar_new ());
  ioc_accessible_label_calendar (self->from_calendar);
  ioc_accessible_label_calendar (self->to_calendar);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->from_calendar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("First day received"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->to_calendar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Last day received"), -1);
  gtk_grid_attach (GTK_GRID (grid), from_label, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), to_label, 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->from_calendar), 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->to_calendar), 1, 1, 1, 1);
  gtk_box_append (GTK_BOX (box), grid);

  self->range_error = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->range_error, TRUE);
  gtk_label_set_xalign (self->range_error, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->range_error), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->range_error), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->range_error));

  gtk_widget_set_halign (apply, GTK_ALIGN_END);
  gtk_widget_add_css_class (apply, "suggested-action");
  g_signal_connect_swapped (apply, "clicked", G_CALLBACK (apply_clicked), self);
  gtk_box_append (GTK_BOX (box), apply);

  self->period_popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_child (self->period_popover, box);
  return GTK_WIDGET (self->period_popover);
}

static void
ioc_complaint_filter_bar_init (IocComplaintFilterBar *self)
{
  static const struct { const char *title; const char *any; gboolean searchable; } dims[IOC_N_FILTER_DIMENSIONS] = {
    [IOC_FILTER_DIMENSION_STATUS] = { N_("Status"), N_("All statuses"), FALSE },
    [IOC_FILTER_DIMENSION_FIELD] = { N_("Field"), N_("All fields"), FALSE },
    [IOC_FILTER_DIMENSION_COMMUNE] = { N_("Commune"), N_("All communes"), TRUE },
    [IOC_FILTER_DIMENSION_AGENCY] = { N_("Agency"), N_("All agencies"), TRUE },
    [IOC_FILTER_DIMENSION_PRIORITY] = { N_("Priority"), N_("All priorities"), FALSE },
  };
  guint n;
  const IocFieldInfo *fields = ioc_field_all (&n);
  const IocCommune *communes;

  self->syncing = TRUE;   /* building: no control speaks to the filter yet */
  self->box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6));
  gtk_widget_set_parent (GTK_WIDGET (self->box), GTK_WIDGET (self));
  for (guint d = 0; d < IOC_N_FILTER_DIMENSIONS; d++)
    {
      self->choices[d] = ioc_queue_choice_button_new (_(dims[d].title), _(dims[d].any), dims[d].searchable);
      g_signal_connect (self->choices[d], "changed", G_CALLBACK (choice_changed), self);
      gtk_box_append (self->box, GTK_WIDGET (self->choices[d]));
    }
  for (guint s = 0; s < IOC_N_COMPLAINT_STATUSES; s++)
    ioc_queue_choice_button_add (self->choices[IOC_FILTER_DIMENSION_STATUS], ioc_complaint_status_to_string (s),
                                 ioc_complaint_status_label (s));
  for (guint i = 0; i < n; i++)
    {
      ioc_queue_choice_button_add (self->choices[IOC_FILTER_DIMENSION_FIELD], ioc_field_to_string (fields[i].field),
                                   ioc_field_label (fields[i].field));
      ioc_queue_choice_button_add (self->choices[IOC_FILTER_DIMENSION_AGENCY], fields[i].agency, fields[i].agency);
    }
  communes = ioc_commune_all (&n);
  for (guint i = 0; i < n; i++)
    ioc_queue_choice_button_add (self->choices[IOC_FILTER_DIMENSION_COMMUNE], communes[i].code, communes[i].full_name);
  for (guint p = 0; p < IOC_N_PRIORITIES; p++)
    ioc_queue_choice_button_add (self->choices[IOC_FILTER_DIMENSION_PRIORITY], ioc_priority_to_string (p),
                                 ioc_priority_label (p));

  self->period_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->period_button), _("Received"));
  ioc_accessible_label_inner_toggle (GTK_WIDGET (self->period_button), _("Received"));
  gtk_menu_button_set_popover (self->period_button, build_period_popover (self));
  gtk_box_append (self->box, GTK_WIDGET (self->period_button));

  self->overdue_toggle = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_label (_("Overdue")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->overdue_toggle), _("Only complaints past their deadline"));
  self->mine_toggle = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_label (_("Mine")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->mine_toggle), _("Only complaints I am handling"));
  g_signal_connect_swapped (self->overdue_toggle, "toggled", G_CALLBACK (toggles_changed), self);
  g_signal_connect_swapped (self->mine_toggle, "toggled", G_CALLBACK (toggles_changed), self);
  gtk_box_append (self->box, GTK_WIDGET (self->overdue_toggle));
  gtk_box_append (self->box, GTK_WIDGET (self->mine_toggle));
  update_period_label (self);
  self->syncing = FALSE;
}

/**
 * ioc_complaint_filter_bar_set_filter:
 * @self: the bar
 * @filter: the queue's criteria, shown and edited by the bar
 */
void
ioc_complaint_filter_bar_set_filter (IocComplaintFilterBar *self,
                                     IocComplaintFilter    *filter)
{
  g_return_if_fail (IOC_IS_COMPLAINT_FILTER_BAR (self));
  g_return_if_fail (IOC_IS_COMPLAINT_FILTER (filter));

  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  g_set_object (&self->filter, filter);
  g_signal_connect_swapped (filter, "changed", G_CALLBACK (sync_controls), self);
  sync_controls (self);
}

/**
 * ioc_complaint_filter_bar_set_now:
 * @self: the bar
 * @now: (nullable): the time "today" is taken from; %NULL for the clock
 */
void
ioc_complaint_filter_bar_set_now (IocComplaintFilterBar *self,
                                  GDateTime             *now)
{
  g_return_if_fail (IOC_IS_COMPLAINT_FILTER_BAR (self));

  g_clear_pointer (&self->now, g_date_time_unref);
  self->now = now != NULL ? g_date_time_ref (now) : NULL;
}

/** ioc_complaint_filter_bar_add_agency: @self: the bar @agency: (nullable): an agency_responsible value */
void
ioc_complaint_filter_bar_add_agency (IocComplaintFilterBar *self,
                                     const char            *agency)
{
  g_return_if_fail (IOC_IS_COMPLAINT_FILTER_BAR (self));
  ioc_queue_choice_button_add (self->choices[IOC_FILTER_DIMENSION_AGENCY], agency, agency);
}

/** ioc_complaint_filter_bar_get_choice: @self: the bar @dimension: which Returns: (transfer none): its button */
IocQueueChoiceButton *
ioc_complaint_filter_bar_get_choice (IocComplaintFilterBar *self,
                                     IocFilterDimension     dimension)
{
  g_return_val_if_fail (dimension < IOC_N_FILTER_DIMENSIONS, NULL);
  return self->choices[dimension];
}

/**
 * ioc_complaint_filter_bar_set_period:
 * @self: the bar
 * @period: a preset (CUSTOM keeps the current range)
 *
 * Presets count whole days in Vietnam up to now: "last 7 days" is today and
 * the 6 days before (domain.md §3 periods are [from, to)).
 */
void
ioc_complaint_filter_bar_set_period (IocComplaintFilterBar *self,
                                     IocFilterPeriod        period)
{
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;

  g_return_if_fail (IOC_IS_COMPLAINT_FILTER_BAR (self));
  g_return_if_fail (period < IOC_N_FILTER_PERIODS);

  if (period == IOC_FILTER_PERIOD_CUSTOM)
    return;
  self->period = period;
  preset_range (self, period, &from, &to);
  gtk_widget_set_visible (GTK_WIDGET (self->range_error), FALSE);
  if (self->filter != NULL)
    ioc_complaint_filter_set_received_range (self->filter, from, to);
  self->syncing = TRUE;
  gtk_check_button_set_active (self->period_checks[period], TRUE);
  self->syncing = FALSE;
  update_period_label (self);
}

/** ioc_complaint_filter_bar_get_period: @self: the bar Returns: the period chosen */
IocFilterPeriod
ioc_complaint_filter_bar_get_period (IocComplaintFilterBar *self)
{
  return self->period;
}

/**
 * ioc_complaint_filter_bar_apply_custom_range:
 * @self: the bar
 * @first: the first day (any time in it; its day in Vietnam counts)
 * @last: the last day, included
 * @error: return location for an error
 *
 * Sets the filter to [@first 00:00, day after @last 00:00) in Vietnam.
 *
 * Returns: %TRUE when applied
 */
gboolean
ioc_complaint_filter_bar_apply_custom_range (IocComplaintFilterBar  *self,
                                             GDateTime              *first,
                                             GDateTime              *last,
                                             GError                **error)
{
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) last_day = NULL;
  g_autoptr(GDateTime) to = NULL;

  g_return_val_if_fail (IOC_IS_COMPLAINT_FILTER_BAR (self), FALSE);

  from = vn_midnight (first);
  last_day = vn_midnight (last);
  if (g_date_time_compare (last_day, from) < 0)
    {
      const char *msg = _("The last day is before the first day.");

      gtk_label_set_text (self->range_error, msg);
      gtk_widget_set_visible (GTK_WIDGET (self->range_error), TRUE);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, msg);
      return FALSE;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->range_error), FALSE);
  to = g_date_time_add_days (last_day, 1);
  self->period = IOC_FILTER_PERIOD_CUSTOM;
  if (self->filter != NULL)
    ioc_complaint_filter_set_received_range (self->filter, from, to);
  self->syncing = TRUE;
  gtk_check_button_set_active (self->period_checks[IOC_FILTER_PERIOD_CUSTOM], TRUE);
  if (self->filter != NULL)
    show_range_in_calendars (self);
  self->syncing = FALSE;
  update_period_label (self);
  return TRUE;
}

/** ioc_complaint_filter_bar_get_period_label: @self: the bar Returns: the period button's label */
const char *
ioc_complaint_filter_bar_get_period_label (IocComplaintFilterBar *self)
{
  return self->period_label;
}

/** ioc_complaint_filter_bar_get_period_popover: @self: the bar Returns: (transfer none): the popover */
GtkPopover *
ioc_complaint_filter_bar_get_period_popover (IocComplaintFilterBar *self)
{
  return self->period_popover;
}
