/* test-complaint-notifier.c — notifications for new complaints (issue #6)
 * against a real notification server
 *
 * Runs under `xvfb-run -a dbus-run-session --`: the test starts dunst (a
 * freedesktop notification daemon) on its own session bus and X display,
 * registers a GApplication there, and reads back what dunst received
 * through dunst's own D-Bus interface (NotificationListHistory). GLib is
 * told to speak the freedesktop protocol (GNOTIFICATION_BACKEND), as it
 * does on any desktop without GNOME Shell.
 */
#include "config.h"

#include <locale.h>
#include <signal.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pango/pango.h>

#include "ioc-application.h"
#include "ioc-complaint-notifier.h"
#include "ioc-complaints-page-private.h"
#include "ioc-commune.h"
#include "ioc-field.h"
#include "ioc-preferences-window.h"
#include "ioc-resources.h"
#include "ioc-window.h"
#include "ioc-window-private.h"

#define APP_TEST_ID "vn.gov.angiang.IocDashboard.TestNotifier"
#define WINDOW_MS   150

static GApplication    *app;
static GDBusConnection *bus;
static GSubprocess     *dunst;
static char            *tmpdir;
static GPtrArray       *activated;   /* char *: targets of app.show-complaint */
/* dunst 1.9 cannot clear its history: ids only grow, so a case reads the
 * notifications with an id above the highest one seen at its start. */
static gint32           seen_up_to;

/* --- dunst ---------------------------------------------------------------- */

static GVariant *
dunst_call (const char *method,
            GVariant   *args,
            const char *reply_type)
{
  g_autoptr(GError) error = NULL;
  GVariant *reply = g_dbus_connection_call_sync (bus, "org.freedesktop.Notifications",
                                                 "/org/freedesktop/Notifications",
                                                 "org.dunstproject.cmd0", method, args,
                                                 reply_type != NULL ? G_VARIANT_TYPE (reply_type) : NULL,
                                                 G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);

  g_assert_no_error (error);
  return reply;
}

typedef struct {
  char *summary;
  char *body;
} Received;

static void
received_free (Received *r)
{
  g_free (r->summary);
  g_free (r->body);
  g_free (r);
}

/* Everything dunst has received since the last clear, oldest first: the
 * displayed ones are closed into the history, which is then listed. */
static GPtrArray *
dunst_received_since (gint32  after,
                      gint32 *max_id)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) list = NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) received_free);
  gsize n;

  g_variant_unref (dunst_call ("NotificationCloseAll", NULL, NULL));
  reply = dunst_call ("NotificationListHistory", NULL, "(aa{sv})");
  list = g_variant_get_child_value (reply, 0);
  n = g_variant_n_children (list);
  /* History is newest first. */
  for (gsize i = n; i > 0; i--)
    {
      g_autoptr(GVariant) entry = g_variant_get_child_value (list, i - 1);
      GVariantDict dict;
      Received *r = g_new0 (Received, 1);

      gint32 id = 0;

      g_variant_dict_init (&dict, entry);
      g_assert_true (g_variant_dict_lookup (&dict, "id", "i", &id));
      g_assert_true (g_variant_dict_lookup (&dict, "summary", "s", &r->summary));
      g_assert_true (g_variant_dict_lookup (&dict, "body", "s", &r->body));
      g_variant_dict_clear (&dict);
      if (max_id != NULL)
        *max_id = MAX (*max_id, id);
      if (id > after)
        g_ptr_array_add (out, r);
      else
        received_free (r);
    }
  return out;
}

static GPtrArray *
dunst_received (void)
{
  return dunst_received_since (seen_up_to, NULL);
}

static void
dunst_clear (void)
{
  g_ptr_array_unref (dunst_received_since (G_MAXINT32, &seen_up_to));
}

static void
iterate_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

/* Waits until dunst has @n notifications (or 5 s), then a few burst
 * windows longer, to catch any extra one: asking for one more than
 * expected would only make every case wait for the time-out. */
static GPtrArray *
wait_received (guint n)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  GPtrArray *got = NULL;

  for (;;)
    {
      g_clear_pointer (&got, g_ptr_array_unref);
      iterate_for (20);
      got = dunst_received ();
      if (got->len >= n || g_get_monotonic_time () > end)
        break;
    }
  iterate_for (3 * WINDOW_MS);
  g_ptr_array_unref (got);
  return dunst_received ();
}

#ifdef __linux__
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}
#endif

static void
start_dunst (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *conf = g_build_filename (tmpdir, "dunstrc", NULL);
  g_autofree char *path = g_find_program_in_path ("dunst");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  gint64 end;
  /* Notifications stay until the test closes them; nothing merged or
   * dropped, so that what dunst lists is what was sent. */
  static const char dunstrc[] =
    "[global]\n"
    "  timeout = 0\n"
    "  history_length = 200\n"
    "  notification_limit = 0\n"
    "  stack_duplicates = false\n"
    "  idle_threshold = 0\n"
    "  markup = full\n"
    "  icon_position = off\n"
    "[urgency_low]\n  timeout = 0\n"
    "[urgency_normal]\n  timeout = 0\n"
    "[urgency_critical]\n  timeout = 0\n";

  if (path == NULL)
    g_error ("dunst is not installed: build-aux/ensure-deps test installs it");
  g_assert_true (g_file_set_contents (conf, dunstrc, -1, &error));
  g_assert_no_error (error);
  /* dunst is a GLib program too: the test's fatal-warnings and malloc
   * checks are for our code, not for the server. Its output would mix with
   * the TAP stream, and an open pipe would keep meson waiting after a
   * failed assertion; it also dies with the test. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
#ifdef __linux__
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
#endif
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  g_subprocess_launcher_unsetenv (launcher, "MALLOC_PERTURB_");
  g_subprocess_launcher_unsetenv (launcher, "MALLOC_CHECK_");
  dunst = g_subprocess_launcher_spawn (launcher, &error, path, "-conf", conf, NULL);
  g_assert_no_error (error);

  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  for (;;)
    {
      g_autoptr(GVariant) reply =
        g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                     "org.freedesktop.DBus", "NameHasOwner",
                                     g_variant_new ("(s)", "org.freedesktop.Notifications"),
                                     G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
      gboolean owned = FALSE;

      if (reply != NULL)
        g_variant_get (reply, "(b)", &owned);
      if (owned)
        break;
      if (g_get_monotonic_time () > end)
        g_error ("dunst did not appear on the session bus (is there an X display?)");
      g_usleep (20000);
    }
}

static void
find_widgets (GtkWidget *widget,
              GType      type,
              GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (out, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_widgets (child, type, out);
}

/* --- fixture -------------------------------------------------------------- */

typedef struct {
  GSettings            *settings;
  IocComplaintsFeed    *feed;
  IocComplaintNotifier *notifier;
  guint                 serial;
} Fixture;

static IocComplaint *
make_complaint (const char *id,
                const char *service_code,
                const char *description)
{
  IocComplaint *c = ioc_complaint_new (id);
  const IocCommune *communes = ioc_commune_all (NULL);

  ioc_complaint_set_service_code (c, service_code);
  ioc_complaint_set_description (c, description);
  ioc_complaint_set_address (c, "12 Trần Hưng Đạo");
  ioc_complaint_set_commune_code (c, communes[0].code);
  ioc_complaint_set_open (c, TRUE);
  ioc_complaint_set_extended_status (c, IOC_COMPLAINT_STATUS_NEW);
  return c;
}

/* Adds @n complaints of @service_code to the feed's model, as a poll would. */
static void
add_complaints (Fixture    *f,
                const char *service_code,
                guint       n)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("PA-26-%06u", ++f->serial);
      g_autofree char *desc = g_strdup_printf ("Complaint number %u", f->serial);

      g_ptr_array_add (batch, make_complaint (id, service_code, desc));
    }
  ioc_keyed_list_model_merge (IOC_KEYED_LIST_MODEL (ioc_complaints_feed_get_model (f->feed)), batch);
}

/* The end of a successful poll, as IocFeedClient signals it. */
static void
finish_poll (Fixture *f)
{
  g_signal_emit_by_name (f->feed, "poll-finished", TRUE);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->settings = g_settings_new (APP_ID);
  g_settings_reset (f->settings, "notify-enabled");
  g_settings_reset (f->settings, "notify-fields");
  f->feed = ioc_complaints_feed_new (NULL, NULL, NULL);
  f->serial = 0;
  g_ptr_array_set_size (activated, 0);
  dunst_clear ();
}

static void
start_watching (Fixture *f)
{
  f->notifier = ioc_complaint_notifier_new (app, f->settings, f->feed);
  ioc_complaint_notifier_set_timing (f->notifier, WINDOW_MS, 0);
  g_assert_false (ioc_complaint_notifier_get_watching (f->notifier));
  finish_poll (f);
  g_assert_true (ioc_complaint_notifier_get_watching (f->notifier));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->notifier);
  g_clear_object (&f->feed);
  g_settings_reset (f->settings, "notify-enabled");
  g_settings_reset (f->settings, "notify-fields");
  g_clear_object (&f->settings);
}

static void
choose (Fixture            *f,
        gboolean            enabled,
        const char * const *fields)
{
  g_settings_set_boolean (f->settings, "notify-enabled", enabled);
  g_settings_set_strv (f->settings, "notify-fields", fields);
}

/* --- cases ---------------------------------------------------------------- */

static void
test_off_by_default (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(GStrv) fields = g_settings_get_strv (f->settings, "notify-fields");
  g_autoptr(GPtrArray) got = NULL;

  g_assert_false (g_settings_get_boolean (f->settings, "notify-enabled"));
  g_assert_cmpuint (g_strv_length (fields), ==, 0);

  start_watching (f);
  add_complaints (f, "MT", 2);
  got = wait_received (0);
  g_assert_cmpuint (got->len, ==, 0);
  g_assert_cmpuint (ioc_complaint_notifier_get_n_sent (f->notifier), ==, 0);

  /* Fields chosen but the switch off: still nothing. */
  choose (f, FALSE, (const char *[]) { "MT", NULL });
  add_complaints (f, "MT", 1);
  g_clear_pointer (&got, g_ptr_array_unref);
  got = wait_received (0);
  g_assert_cmpuint (got->len, ==, 0);

  /* Switch on but no field chosen: nothing either. */
  choose (f, TRUE, (const char *[]) { NULL });
  add_complaints (f, "MT", 1);
  g_clear_pointer (&got, g_ptr_array_unref);
  got = wait_received (0);
  g_assert_cmpuint (got->len, ==, 0);
}

static void
test_chosen_field (Fixture       *f,
                   gconstpointer  data)
{
  const IocCommune *commune = ioc_commune_all (NULL);
  g_autoptr(GPtrArray) got = NULL;
  g_autofree char *title = g_strdup_printf ("New complaint: %s", ioc_field_label (IOC_FIELD_MT));
  g_autofree char *body = NULL;
  Received *r;

  choose (f, TRUE, (const char *[]) { "MT", NULL });
  start_watching (f);
  add_complaints (f, "MT", 1);
  got = wait_received (1);
  g_assert_cmpuint (got->len, ==, 1);
  r = got->pdata[0];
  g_assert_cmpstr (r->summary, ==, title);
  body = g_strdup_printf ("PA-26-000001\n%s · 12 Trần Hưng Đạo\nComplaint number 1", commune[0].full_name);
  g_assert_cmpstr (r->body, ==, body);
  g_assert_cmpuint (ioc_complaint_notifier_get_n_sent (f->notifier), ==, 1);
}

static void
test_other_field (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) got = NULL;

  /* The Vietnamese spelling of a code chooses the same field as the ASCII one. */
  choose (f, TRUE, (const char *[]) { "MT", "ĐCS", NULL });
  start_watching (f);
  add_complaints (f, "GT", 3);
  add_complaints (f, "ANTT", 1);
  add_complaints (f, "DCS", 1);
  got = wait_received (1);
  g_assert_cmpuint (got->len, ==, 1);
  g_assert_true (g_str_has_suffix (((Received *) got->pdata[0])->summary, ioc_field_label (IOC_FIELD_DCS)));

  /* A complaint that is already acknowledged is not news. */
  {
    g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
    IocComplaint *c = make_complaint ("PA-26-900000", "MT", "taken");

    ioc_complaint_set_extended_status (c, IOC_COMPLAINT_STATUS_ACKNOWLEDGED);
    g_ptr_array_add (batch, c);
    dunst_clear ();
    ioc_keyed_list_model_merge (IOC_KEYED_LIST_MODEL (ioc_complaints_feed_get_model (f->feed)), batch);
    g_clear_pointer (&got, g_ptr_array_unref);
    got = wait_received (0);
    g_assert_cmpuint (got->len, ==, 0);
  }
}

static void
test_initial_load (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) got = NULL;

  choose (f, TRUE, (const char *[]) { "MT", NULL });
  /* The snapshot, there before watching starts. */
  add_complaints (f, "MT", 200);
  f->notifier = ioc_complaint_notifier_new (app, f->settings, f->feed);
  ioc_complaint_notifier_set_timing (f->notifier, WINDOW_MS, 0);
  /* The first sync, page by page, and a failed poll on the way. */
  add_complaints (f, "MT", 500);
  g_signal_emit_by_name (f->feed, "poll-finished", FALSE);
  add_complaints (f, "MT", 300);
  g_assert_false (ioc_complaint_notifier_get_watching (f->notifier));
  finish_poll (f);
  g_assert_true (ioc_complaint_notifier_get_watching (f->notifier));

  got = wait_received (0);
  g_assert_cmpuint (got->len, ==, 0);
  g_assert_cmpuint (ioc_complaint_notifier_get_n_sent (f->notifier), ==, 0);

  /* Now a complaint is news; an update of a known one is not. */
  add_complaints (f, "MT", 1);
  {
    g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);

    g_ptr_array_add (batch, make_complaint ("PA-26-000005", "MT", "edited on the server"));
    ioc_keyed_list_model_merge (IOC_KEYED_LIST_MODEL (ioc_complaints_feed_get_model (f->feed)), batch);
  }
  g_clear_pointer (&got, g_ptr_array_unref);
  got = wait_received (1);
  g_assert_cmpuint (got->len, ==, 1);
  g_assert_true (g_str_has_prefix (((Received *) got->pdata[0])->body, "PA-26-001001\n"));

  /* Pointed at another server: its first sync is a baseline again. */
  dunst_clear ();
  g_object_set (f->feed, "base-url", "http://127.0.0.1:9/open311/v2/", NULL);
  g_assert_false (ioc_complaint_notifier_get_watching (f->notifier));
  add_complaints (f, "MT", 50);
  finish_poll (f);
  g_clear_pointer (&got, g_ptr_array_unref);
  got = wait_received (0);
  g_assert_cmpuint (got->len, ==, 0);
}

static void
test_burst (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) got = NULL;
  g_autofree char *title = NULL;
  Received *r;

  choose (f, TRUE, (const char *[]) { "DCS", "MT", NULL });
  start_watching (f);
  /* One poll brings twelve in one field and one in another. */
  add_complaints (f, "DCS", 12);
  add_complaints (f, "MT", 1);
  got = wait_received (2);
  g_assert_cmpuint (got->len, ==, 2);

  r = got->pdata[0];
  title = g_strdup_printf ("12 new complaints in %s", ioc_field_label (IOC_FIELD_DCS));
  g_assert_cmpstr (r->summary, ==, title);
  g_assert_cmpstr (r->body, ==,
                   "PA-26-000001, PA-26-000002, PA-26-000003, PA-26-000004, PA-26-000005 and 7 more");
  r = got->pdata[1];
  g_assert_true (g_str_has_prefix (r->summary, "New complaint: "));
  g_assert_true (g_str_has_prefix (r->body, "PA-26-000013\n"));
  g_assert_cmpuint (ioc_complaint_notifier_get_n_sent (f->notifier), ==, 2);

  /* A second burst is a second notification, not a replacement of the
   * first: both are still with the server. */
  add_complaints (f, "DCS", 4);
  g_clear_pointer (&got, g_ptr_array_unref);
  got = wait_received (3);
  g_assert_cmpuint (got->len, ==, 3);
  title = (g_free (title), g_strdup_printf ("4 new complaints in %s", ioc_field_label (IOC_FIELD_DCS)));
  g_assert_cmpstr (((Received *) got->pdata[2])->summary, ==, title);
}

static void
test_cooldown (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) got = NULL;
  gint64 start;

  choose (f, TRUE, (const char *[]) { "MT", NULL });
  start_watching (f);
  ioc_complaint_notifier_set_timing (f->notifier, 50, 1500);
  add_complaints (f, "MT", 1);
  got = wait_received (1);
  g_assert_cmpuint (got->len, ==, 1);

  /* Two more, right after: held back by the cool-down, then sent together. */
  start = g_get_monotonic_time ();
  add_complaints (f, "MT", 1);
  iterate_for (300);
  add_complaints (f, "MT", 1);
  iterate_for (300);
  g_assert_cmpuint (ioc_complaint_notifier_get_n_sent (f->notifier), ==, 1);
  while (ioc_complaint_notifier_get_n_sent (f->notifier) < 3 &&
         g_get_monotonic_time () - start < 5 * G_USEC_PER_SEC)
    iterate_for (20);
  g_assert_cmpuint (ioc_complaint_notifier_get_n_sent (f->notifier), ==, 3);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 1000 * 1000);
}

/* What a markup-reading server shows for @body. */
static char *
shown_text (const char *body,
            gboolean    markup)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  if (!markup)
    return g_strdup (body);
  g_assert_true (pango_parse_markup (body, -1, 0, NULL, &text, NULL, &error));
  g_assert_no_error (error);
  return text;
}

static void
test_literal_text (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) got = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  IocComplaint *c = make_complaint ("PA-26-<i>7</i>", "MT",
                                    "<b>Ngập</b> & <a href=\"x\">link</a>\x01\x1b[31m\nline\ttwo\x7f");
  g_autofree char *shown = NULL;
  g_autofree char *expected = NULL;
  const IocCommune *commune = ioc_commune_all (NULL);
  Received *r;

  ioc_complaint_set_address (c, "<script>alert(1)</script>\r\nấp 3");
  g_ptr_array_add (batch, c);
  choose (f, TRUE, (const char *[]) { "MT", NULL });
  start_watching (f);
  /* dunst reads bodies as markup (it says so in GetCapabilities). */
  g_assert_true (ioc_complaint_notifier_get_escapes_markup (f->notifier));
  ioc_keyed_list_model_merge (IOC_KEYED_LIST_MODEL (ioc_complaints_feed_get_model (f->feed)), batch);
  got = wait_received (1);
  g_assert_cmpuint (got->len, ==, 1);
  r = got->pdata[0];

  shown = shown_text (r->body, TRUE);
  expected = g_strdup_printf ("PA-26-<i>7</i>\n%s · <script>alert(1)</script><U+000D> ấp 3\n"
                              "<b>Ngập</b> & <a href=\"x\">link</a><U+0001><U+001B>[31m line two<U+007F>",
                              commune[0].full_name);
  g_assert_cmpstr (shown, ==, expected);
  for (const char *p = r->body; *p != '\0'; p++)
    g_assert_true ((guchar) *p >= 0x20 || *p == '\n');
}

static void
on_show_complaint (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  g_ptr_array_add (activated, g_variant_dup_string (param, NULL));
}

static void
test_default_action (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) got = NULL;
  gint64 end;

  choose (f, TRUE, (const char *[]) { "MT", NULL });
  start_watching (f);
  add_complaints (f, "GT", 1);
  add_complaints (f, "MT", 1);
  while (ioc_complaint_notifier_get_n_sent (f->notifier) < 1)
    iterate_for (20);
  iterate_for (200);

  /* Click: dunst invokes the default action of the notification on top. */
  g_variant_unref (dunst_call ("NotificationAction", g_variant_new ("(u)", 0), NULL));
  end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (activated->len == 0 && g_get_monotonic_time () < end)
    iterate_for (20);
  g_assert_cmpuint (activated->len, ==, 1);
  g_assert_cmpstr (activated->pdata[0], ==, "PA-26-000002");
  got = dunst_received ();
  g_assert_cmpuint (got->len, <=, 1);
}

/* The dashboard's own action: the triage page opens on the complaint. */
static void
test_show_complaint_action (void)
{
  g_autoptr(IocApplication) ioc = ioc_application_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  IocComplaintsFeed *feed;
  GtkWindow *window;
  GtkWidget *page;
  IocComplaint *selected;

  g_assert_true (g_application_register (G_APPLICATION (ioc), NULL, &error));
  g_assert_no_error (error);
  feed = ioc_pipeline_get_complaints (ioc_application_get_pipeline (ioc));
  for (guint i = 1; i <= 3; i++)
    {
      g_autofree char *id = g_strdup_printf ("PA-26-%06u", i);

      g_ptr_array_add (batch, make_complaint (id, "MT", "x"));
    }
  ioc_keyed_list_model_merge (IOC_KEYED_LIST_MODEL (ioc_complaints_feed_get_model (feed)), batch);

  g_action_group_activate_action (G_ACTION_GROUP (ioc), "show-complaint",
                                  g_variant_new_string ("PA-26-000002"));
  iterate_for (200);
  window = gtk_application_get_active_window (GTK_APPLICATION (ioc));
  g_assert_true (IOC_IS_WINDOW (window));
  g_assert_cmpstr (ioc_window_get_page (IOC_WINDOW (window)), ==, "complaints");
  page = adw_view_stack_get_visible_child (ioc_window_get_stack (IOC_WINDOW (window)));
  page = adw_bin_get_child (ADW_BIN (page));
  selected = ioc_complaints_page_get_selected (IOC_COMPLAINTS_PAGE (page));
  g_assert_nonnull (selected);
  g_assert_cmpstr (ioc_complaint_get_service_request_id (selected), ==, "PA-26-000002");
  g_assert_false (ioc_window_show_complaint (IOC_WINDOW (window), "PA-26-999999"));

  /* Preferences: the switch and one check per field, bound to the settings. */
  {
    GSettings *settings = ioc_application_get_settings (ioc);
    IocPreferencesWindow *prefs = ioc_preferences_window_new (ioc);
    g_autoptr(GPtrArray) checks = g_ptr_array_new ();
    g_autoptr(GPtrArray) switches = g_ptr_array_new ();
    g_auto(GStrv) fields = NULL;
    GtkCheckButton *mt = NULL;

    gtk_window_present (GTK_WINDOW (prefs));
    iterate_for (100);
    find_widgets (GTK_WIDGET (prefs), GTK_TYPE_CHECK_BUTTON, checks);
    find_widgets (GTK_WIDGET (prefs), GTK_TYPE_SWITCH, switches);
    g_assert_cmpuint (checks->len, ==, IOC_N_FIELDS);
    g_assert_cmpuint (switches->len, ==, 1);
    g_assert_false (gtk_switch_get_active (switches->pdata[0]));
    g_settings_set_boolean (settings, "notify-enabled", TRUE);
    g_assert_true (gtk_switch_get_active (switches->pdata[0]));
    for (guint i = 0; i < checks->len; i++)
      {
        g_assert_false (gtk_check_button_get_active (checks->pdata[i]));
        if (g_strcmp0 (g_object_get_data (checks->pdata[i], "notify-code"), "MT") == 0)
          mt = checks->pdata[i];
      }
    g_assert_nonnull (mt);
    gtk_check_button_set_active (mt, TRUE);
    fields = g_settings_get_strv (settings, "notify-fields");
    g_assert_cmpstrv (fields, ((const char *[]) { "MT", NULL }));
    g_settings_reset (settings, "notify-fields");
    g_assert_false (gtk_check_button_get_active (mt));
    g_settings_reset (settings, "notify-enabled");
    gtk_window_destroy (GTK_WINDOW (prefs));
  }

  gtk_window_destroy (window);
  iterate_for (100);
}

static void
test_clean_line (void)
{
  static const struct {
    const char *in;
    guint       max;
    const char *out;
  } cases[] = {
    { NULL, 10, "" },
    { "  a \n\n b\t c  ", 0, "a b c" },
    { "x\x02y", 0, "x<U+0002>y" },
    { "Đường ngập sâu", 6, "Đường…" },
    { "abcdef", 6, "abcdef" },
    { "ab   cdef", 4, "ab…" },
    { "\xff\xfeok", 0, "\xef\xbf\xbd\xef\xbf\xbdok" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = ioc_complaint_notifier_clean_line (cases[i].in, cases[i].max);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GSimpleAction) action = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  /* GLib picks org.gtk.Notifications when GNOME Shell owns it; this private
   * bus has only dunst, and the test says which protocol it checks. */
  g_setenv ("GNOTIFICATION_BACKEND", "freedesktop", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  tmpdir = g_dir_make_tmp ("ioc-notifier-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_CONFIG_HOME", tmpdir, TRUE);
  /* The dashboard's store goes there too, not into the user's data. */
  g_setenv ("XDG_DATA_HOME", tmpdir, TRUE);
  g_setenv ("XDG_CACHE_HOME", tmpdir, TRUE);
  g_resources_register (ioc_get_resource ());

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  start_dunst ();

  activated = g_ptr_array_new_with_free_func (g_free);
  app = g_application_new (APP_TEST_ID, G_APPLICATION_DEFAULT_FLAGS);
  action = g_simple_action_new ("show-complaint", G_VARIANT_TYPE_STRING);
  g_signal_connect (action, "activate", G_CALLBACK (on_show_complaint), NULL);
  g_action_map_add_action (G_ACTION_MAP (app), G_ACTION (action));
  g_assert_true (g_application_register (app, NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/notifier/clean-line", test_clean_line);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/notifier/off-by-default", test_off_by_default);
  ADD ("/notifier/chosen-field", test_chosen_field);
  ADD ("/notifier/other-field", test_other_field);
  ADD ("/notifier/initial-load", test_initial_load);
  ADD ("/notifier/burst", test_burst);
  ADD ("/notifier/cooldown", test_cooldown);
  ADD ("/notifier/literal-text", test_literal_text);
  ADD ("/notifier/default-action", test_default_action);
#undef ADD
  g_test_add_func ("/notifier/show-complaint-action", test_show_complaint_action);

  status = g_test_run ();

  g_clear_object (&app);
  g_subprocess_send_signal (dunst, SIGTERM);
  g_subprocess_wait (dunst, NULL, NULL);
  g_clear_object (&dunst);
  g_clear_object (&bus);
  g_clear_pointer (&activated, g_ptr_array_unref);
  remove_tree (tmpdir);
  g_free (tmpdir);
  return status;
}
