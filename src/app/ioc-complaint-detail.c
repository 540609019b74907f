/* ioc-complaint-detail.c — the detail pane of the complaints queue
 *
 * Issue "Complaint triage": description, address, location, photos (loaded
 * asynchronously, with a size limit, click to enlarge), the notes history as
 * a timeline, the deadline and how it was computed, likely duplicates with a
 * one-click "mark as duplicate of"; a small map of the location drawn from
 * the bundled offline base map (never the network: offline operators and
 * tests see the same map).
 *
 * Every text from the feed is set with gtk_label_set_text() (never markup)
 * after its control characters were made visible: markup or scripts in a
 * complaint are shown as the characters they are.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "ioc-aggregate.h"
#include "ioc-commune.h"
#include "ioc-commune-layer.h"
#include "ioc-complaint-cache.h"
#include "ioc-complaint-detail.h"
#include "ioc-complaint-export.h"
#include "ioc-format.h"

#define N_PHOTOS_MAX 6

/* The small map: tall enough to recognise the place, short enough to leave
 * the description and the history on screen. The offline base map has
 * rivers, canals and commune boundaries but no streets: zoom 13 (about
 * 8 km across the pane at this latitude) shows where in its commune the
 * point lies and the rivers around it, which a closer view would not. */
#define MAP_HEIGHT 240
#define MAP_ZOOM   13.0
#define MARKER_SIZE 20     /* the complaint's dot, in pixels */

typedef struct {
  IocComplaintDetail *self;     /* weak: cleared when the pane moves on */
  guint               index;
  char               *url;
  GCancellable       *cancellable;
  SoupMessage        *message;
  GInputStream       *stream;
  GByteArray         *data;
} PhotoLoad;

struct _IocComplaintDetail
{
  GtkWidget     parent_instance;

  GtkWidget    *scroller;
  GtkWidget    *box;
  GtkWidget    *empty;
  GtkWidget    *title;
  GtkWidget    *subtitle;
  GtkWidget    *claimed;
  GtkWidget    *actions;      /* GtkFlowBox of the action buttons */
  char         *operator_name;
  GtkWidget    *delivery;
  GtkWidget    *delivery_label;
  GtkWidget    *conflict_button;
  GtkWidget    *description;
  GtkWidget    *address;
  GtkWidget    *location;
  GtkWidget    *map_frame;
  GtkWidget    *map;          /* ShumateSimpleMap */
  ShumateMarker *marker;      /* the complaint's point, in markers */
  ShumateLayer  *markers;
  IocCommuneLayer *commune_names; /* NULL until boundaries are given */
  GtkWidget    *no_location;
  GtkWidget    *photos;
  GtkWidget    *deadline;
  GtkWidget    *deadline_how;
  GtkWidget    *duplicates;
  GtkWidget    *duplicates_title;
  GtkWidget    *notes;

  IocComplaint *complaint;
  SoupSession  *session;
  GCancellable *cancellable;
  GPtrArray    *photo_status;  /* char *: "" shown, else the reason; NULL loading */
  guint         n_pending;
};

G_DEFINE_FINAL_TYPE (IocComplaintDetail, ioc_complaint_detail, GTK_TYPE_WIDGET)

static void
ioc_complaint_detail_dispose (GObject *object)
{
  IocComplaintDetail *self = IOC_COMPLAINT_DETAIL (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_object (&self->complaint);
  g_clear_object (&self->session);
  g_clear_pointer (&self->photo_status, g_ptr_array_unref);
  g_clear_pointer (&self->operator_name, g_free);

  G_OBJECT_CLASS (ioc_complaint_detail_parent_class)->dispose (object);
}

static void
ioc_complaint_detail_class_init (IocComplaintDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ioc_complaint_detail_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "complaint-detail");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static GtkWidget *
add_label (GtkWidget  *box,
           const char *style)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  gtk_box_append (GTK_BOX (box), label);
  return label;
}

static GtkWidget *
add_heading (GtkWidget  *box,
             const char *text)
{
  GtkWidget *label = add_label (box, "heading");

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_margin_top (label, 12);
  return label;
}

static void
ioc_complaint_detail_init (IocComplaintDetail *self)
{
  GtkWidget *actions, *row;
  static const struct { const char *label; const char *action; const char *tip; } buttons[] = {
    { N_("_Acknowledge"), "queue.acknowledge", N_("Acknowledge (A)") },
    { N_("_Forward"), "queue.assign", N_("Forward to an agency (F)") },
    { N_("Pr_iority"), "queue.priority", N_("Set priority (P)") },
    { N_("_Note"), "queue.note", N_("Add a note (N)") },
    { N_("_Duplicate"), "queue.duplicate", N_("Mark as duplicate (D)") },
    { N_("_Resolve"), "queue.resolve", N_("Resolve (R)") },
    { N_("Re_ject"), "queue.reject", N_("Reject (X)") },
    { N_("Re_open"), "queue.reopen", N_("Reopen (O)") },
  };

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 12);
  gtk_widget_set_margin_top (self->box, 12);
  gtk_widget_set_margin_bottom (self->box, 12);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), self->box);

  self->empty = add_label (self->box, "dim-label");
  gtk_label_set_text (GTK_LABEL (self->empty), _("Select a complaint to see its details."));

  self->title = add_label (self->box, "title-3");
  gtk_label_set_selectable (GTK_LABEL (self->title), TRUE);
  self->subtitle = add_label (self->box, "dim-label");
  self->claimed = add_label (self->box, "warning");

  /* Delivery of the last action: a conflict or a failure needs the operator. */
  self->delivery = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->delivery_label = add_label (self->delivery, NULL);
  gtk_widget_set_hexpand (self->delivery_label, TRUE);
  self->conflict_button = gtk_button_new_with_mnemonic (_("_Compare…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->conflict_button), "queue.show-conflict");
  gtk_widget_set_valign (self->conflict_button, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (self->delivery), self->conflict_button);
  gtk_box_append (GTK_BOX (self->box), self->delivery);

  actions = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (actions), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (actions), 4);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (actions), TRUE);
  gtk_widget_set_margin_top (actions, 6);
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_(buttons[i].label));

      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), buttons[i].action);
      gtk_widget_set_tooltip_text (button, _(buttons[i].tip));
      gtk_flow_box_append (GTK_FLOW_BOX (actions), button);
      /* Flow box children are focusable themselves: let Tab land on the buttons only. */
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
    }
  gtk_box_append (GTK_BOX (self->box), actions);
  self->actions = actions;

  add_heading (self->box, _("Description"));
  self->description = add_label (self->box, NULL);
  gtk_label_set_selectable (GTK_LABEL (self->description), TRUE);
  add_heading (self->box, _("Address"));
  self->address = add_label (self->box, NULL);
  gtk_label_set_selectable (GTK_LABEL (self->address), TRUE);
  self->location = add_label (self->box, "dim-label");

  /* Only a picture of the place: it sits inside a scrolled pane, where a
   * map taking the scroll wheel would zoom instead of scrolling the pane. */
  self->map = g_object_new (SHUMATE_TYPE_SIMPLE_MAP, "accessible-role", GTK_ACCESSIBLE_ROLE_IMG, NULL);
  shumate_simple_map_set_show_zoom_buttons (SHUMATE_SIMPLE_MAP (self->map), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (shumate_simple_map_get_compass (SHUMATE_SIMPLE_MAP (self->map))), FALSE);
  shumate_scale_set_unit (shumate_simple_map_get_scale (SHUMATE_SIMPLE_MAP (self->map)), SHUMATE_UNIT_METRIC);
  gtk_widget_set_can_target (self->map, FALSE);
  gtk_widget_set_size_request (self->map, -1, MAP_HEIGHT);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->map), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Location of the complaint on the map"), -1);
  {
    ShumateViewport *viewport = shumate_simple_map_get_viewport (SHUMATE_SIMPLE_MAP (self->map));
    ShumateMarkerLayer *layer = shumate_marker_layer_new (viewport);
    GtkWidget *dot = gtk_image_new_from_icon_name ("media-record-symbolic");

    /* A dot centred on the point (a pin would need its tip anchored). */
    gtk_image_set_pixel_size (GTK_IMAGE (dot), MARKER_SIZE);
    gtk_widget_add_css_class (dot, "error");
    self->marker = shumate_marker_new ();
    shumate_marker_set_child (self->marker, dot);
    shumate_marker_layer_add_marker (layer, self->marker);
    self->markers = SHUMATE_LAYER (layer);
    shumate_simple_map_add_overlay_layer (SHUMATE_SIMPLE_MAP (self->map), self->markers);
  }
  self->map_frame = gtk_frame_new (NULL);
  gtk_frame_set_child (GTK_FRAME (self->map_frame), self->map);
  gtk_widget_set_margin_top (self->map_frame, 6);
  gtk_box_append (GTK_BOX (self->box), self->map_frame);
  self->no_location = add_label (self->box, "dim-label");
  gtk_label_set_text (GTK_LABEL (self->no_location), _("No location"));
  add_heading (self->box, _("Deadline"));
  self->deadline = add_label (self->box, NULL);
  self->deadline_how = add_label (self->box, "dim-label");
  add_heading (self->box, _("Photos"));
  self->photos = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (self->box), self->photos);
  self->duplicates_title = add_heading (self->box, _("Likely duplicates"));
  self->duplicates = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->duplicates), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->duplicates, "boxed-list");
  gtk_box_append (GTK_BOX (self->box), self->duplicates);
  row = add_heading (self->box, _("History"));
  (void) row;
  self->notes = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->notes), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->notes, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->notes), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("History"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->duplicates), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Likely duplicates"), -1);
  gtk_box_append (GTK_BOX (self->box), self->notes);

  self->photo_status = g_ptr_array_new_with_free_func (g_free);
  ioc_complaint_detail_show (self, NULL, NULL, NULL, NULL, NULL, NULL);
}

/* The small map follows the complaint: centred on it at MAP_ZOOM with the
 * marker on the point; without coordinates the map gives way to a short
 * "No location". */
static void
ioc_complaint_detail_show_map (IocComplaintDetail *self,
                               IocComplaint       *complaint)
{
  gboolean located = complaint != NULL && ioc_complaint_get_has_location (complaint);
  gboolean has_map = shumate_simple_map_get_map_source (SHUMATE_SIMPLE_MAP (self->map)) != NULL;

  gtk_widget_set_visible (self->map_frame, located && has_map);
  gtk_widget_set_visible (self->no_location, complaint != NULL && !located);
  if (located && has_map)
    {
      double lat = ioc_complaint_get_lat (complaint);
      double lon = ioc_complaint_get_long (complaint);
      ShumateViewport *viewport = shumate_simple_map_get_viewport (SHUMATE_SIMPLE_MAP (self->map));

      shumate_location_set_location (SHUMATE_LOCATION (self->marker), lat, lon);
      shumate_viewport_set_zoom_level (viewport, MAP_ZOOM);
      shumate_map_center_on (shumate_simple_map_get_map (SHUMATE_SIMPLE_MAP (self->map)), lat, lon);
    }
}

/**
 * ioc_complaint_detail_new:
 *
 * Returns: (transfer floating): an empty detail pane
 */
GtkWidget *
ioc_complaint_detail_new (void)
{
  return g_object_new (IOC_TYPE_COMPLAINT_DETAIL, NULL);
}

/**
 * ioc_complaint_detail_set_map_source:
 * @self: the pane
 * @source: the base map of the small location map
 *
 * The page hands every pane the same source (the offline base map, loaded
 * once): issue "Complaint triage", a small map of the location. Until a
 * source is set the map stays hidden and the coordinates are given as text
 * only.
 */
void
ioc_complaint_detail_set_map_source (IocComplaintDetail *self,
                                     ShumateMapSource   *source)
{
  g_return_if_fail (IOC_IS_COMPLAINT_DETAIL (self));
  g_return_if_fail (SHUMATE_IS_MAP_SOURCE (source));

  shumate_simple_map_set_map_source (SHUMATE_SIMPLE_MAP (self->map), source);
  /* The new base layer goes on top of the others: put the names and the
   * marker back above it. */
  if (self->commune_names != NULL)
    {
      g_autoptr(ShumateLayer) names = g_object_ref (SHUMATE_LAYER (self->commune_names));

      shumate_simple_map_remove_overlay_layer (SHUMATE_SIMPLE_MAP (self->map), names);
      shumate_simple_map_add_overlay_layer (SHUMATE_SIMPLE_MAP (self->map), names);
    }
  {
    g_autoptr(ShumateLayer) markers = g_object_ref (self->markers);

    shumate_simple_map_remove_overlay_layer (SHUMATE_SIMPLE_MAP (self->map), markers);
    shumate_simple_map_add_overlay_layer (SHUMATE_SIMPLE_MAP (self->map), markers);
  }
  /* Show the current complaint again with or without the map. */
  if (self->complaint != NULL)
    {
      g_autoptr(IocComplaint) complaint = g_object_ref (self->complaint);

      ioc_complaint_detail_show_map (self, complaint);
    }
}

/**
 * ioc_complaint_detail_set_session:
 * @self: the pane
 * @session: (nullable): the HTTP session photos are fetched with; without
 *   one photos are not fetched and say so
 */
void
ioc_complaint_detail_set_session (IocComplaintDetail *self,
                                  SoupSession        *session)
{
  g_set_object (&self->session, session);
}

static void
set_text (GtkWidget  *label,
          const char *text)
{
  g_autofree char *clean = ioc_complaint_export_clean_text (text);

  gtk_label_set_text (GTK_LABEL (label), clean);
  gtk_widget_set_visible (label, *clean != '\0');
}

static void
clear_children (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    {
      if (GTK_IS_LIST_BOX (box))
        gtk_list_box_remove (GTK_LIST_BOX (box), child);
      else
        gtk_box_remove (GTK_BOX (box), child);
    }
}

/* --- photos ------------------------------------------------------------ */

static void
photo_load_free (PhotoLoad *load)
{
  g_free (load->url);
  g_clear_object (&load->cancellable);
  g_clear_object (&load->message);
  g_clear_object (&load->stream);
  if (load->data != NULL)
    g_byte_array_unref (load->data);
  g_free (load);
}

static GtkWidget *
photo_slot (IocComplaintDetail *self,
            guint               index)
{
  GtkWidget *child = gtk_widget_get_first_child (self->photos);

  for (guint i = 0; child != NULL && i < index; i++)
    child = gtk_widget_get_next_sibling (child);
  return child;
}

static void
enlarge_clicked (GtkButton *button,
                 gpointer   user_data)
{
  GdkPaintable *paintable = g_object_get_data (G_OBJECT (button), "paintable");
  GtkWidget *window = gtk_window_new ();
  GtkWidget *picture = gtk_picture_new_for_paintable (paintable);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));
  GtkEventController *keys = gtk_shortcut_controller_new ();

  gtk_window_set_title (GTK_WINDOW (window), _("Photo"));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_picture_set_alternative_text (GTK_PICTURE (picture), _("Photo attached to the complaint"));
  gtk_window_set_child (GTK_WINDOW (window), picture);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, keys);
  gtk_window_present (GTK_WINDOW (window));
}

static void
photo_done (IocComplaintDetail *self,
            guint               index,
            GdkTexture         *texture,
            const char         *reason)
{
  GtkWidget *slot = photo_slot (self, index);

  g_return_if_fail (slot != NULL);
  g_free (g_ptr_array_index (self->photo_status, index));
  g_ptr_array_index (self->photo_status, index) = g_strdup (texture != NULL ? "" : reason);
  self->n_pending--;

  if (texture != NULL)
    {
      GtkWidget *picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
      g_autofree char *name = g_strdup_printf (_("Photo %u, click to enlarge"), index + 1);

      gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
      gtk_picture_set_alternative_text (GTK_PICTURE (picture), name);
      gtk_widget_set_size_request (picture, 96, 96);
      gtk_button_set_child (GTK_BUTTON (slot), picture);
      g_object_set_data_full (G_OBJECT (slot), "paintable", g_object_ref (texture), g_object_unref);
      gtk_widget_set_sensitive (slot, TRUE);
      gtk_widget_set_tooltip_text (slot, name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (slot), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_signal_connect (slot, "clicked", G_CALLBACK (enlarge_clicked), NULL);
    }
  else
    {
      GtkWidget *label = gtk_label_new (reason);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 14);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
      gtk_widget_add_css_class (label, "caption");
      gtk_button_set_child (GTK_BUTTON (slot), label);
      gtk_widget_set_tooltip_text (slot, reason);
      gtk_accessible_update_property (GTK_ACCESSIBLE (slot), GTK_ACCESSIBLE_PROPERTY_LABEL, reason, -1);
    }
}

static void
photo_fail (PhotoLoad  *load,
            const char *reason)
{
  if (load->self != NULL && !g_cancellable_is_cancelled (load->cancellable))
    photo_done (load->self, load->index, NULL, reason);
  photo_load_free (load);
}

/* Worker thread: decode, refusing an image larger than the limit before its
 * pixels are allocated (a "decompression bomb" is small on the wire). */
static void
on_size_prepared (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  gboolean *too_big = user_data;

  if (width > IOC_COMPLAINT_PHOTO_MAX_PIXELS || height > IOC_COMPLAINT_PHOTO_MAX_PIXELS)
    {
      *too_big = TRUE;
      gdk_pixbuf_loader_set_size (loader, 1, 1);
    }
}

static void
decode_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GByteArray *data = task_data;
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GError) error = NULL;
  gboolean too_big = FALSE;
  GdkPixbuf *pixbuf;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared), &too_big);
  if (!gdk_pixbuf_loader_write (loader, data->data, data->len, &error) ||
      !gdk_pixbuf_loader_close (loader, &error))
    {
      if (!too_big)
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                   "%s", _("Not a readable image"));
          return;
        }
    }
  if (too_big)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE, "%s",
                               _("Image dimensions too large"));
      return;
    }
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s",
                               _("Not a readable image"));
      return;
    }
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_task_return_pointer (task, gdk_texture_new_for_pixbuf (pixbuf), g_object_unref);
G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
decoded (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  PhotoLoad *load = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = g_task_propagate_pointer (G_TASK (result), &error);

  if (texture == NULL)
    {
      photo_fail (load, error->message);
      return;
    }
  if (load->self != NULL && !g_cancellable_is_cancelled (load->cancellable))
    photo_done (load->self, load->index, texture, NULL);
  photo_load_free (load);
}

static void read_more (PhotoLoad *load);

static void
read_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  PhotoLoad *load = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  g_autoptr(GTask) task = NULL;

  if (chunk == NULL)
    {
      photo_fail (load, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                        ? _("Cancelled") : error->message);
      return;
    }
  if (g_bytes_get_size (chunk) > 0)
    {
      g_byte_array_append (load->data, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
      if (load->data->len > IOC_COMPLAINT_PHOTO_MAX_BYTES)
        {
          photo_fail (load, _("Photo larger than 5 MB, not loaded"));
          return;
        }
      read_more (load);
      return;
    }
  if (load->data->len == 0)
    {
      photo_fail (load, _("Empty photo"));
      return;
    }
  task = g_task_new (NULL, load->cancellable, decoded, load);
  g_task_set_task_data (task, g_byte_array_ref (load->data), (GDestroyNotify) g_byte_array_unref);
  g_task_run_in_thread (task, decode_thread);
}

static void
read_more (PhotoLoad *load)
{
  g_input_stream_read_bytes_async (load->stream, 64 * 1024, G_PRIORITY_LOW, load->cancellable,
                                   read_done, load);
}

static void
sent (GObject      *source,
      GAsyncResult *result,
      gpointer      user_data)
{
  PhotoLoad *load = user_data;
  g_autoptr(GError) error = NULL;
  goffset length;

  load->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (load->stream == NULL)
    {
      photo_fail (load, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                        ? _("Cancelled") : error->message);
      return;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (load->message)))
    {
      g_autofree char *reason = g_strdup_printf (_("Server answered %u"),
                                                 soup_message_get_status (load->message));

      photo_fail (load, reason);
      return;
    }
  length = soup_message_headers_get_content_length (soup_message_get_response_headers (load->message));
  if (length > IOC_COMPLAINT_PHOTO_MAX_BYTES)
    {
      photo_fail (load, _("Photo larger than 5 MB, not loaded"));
      return;
    }
  load->data = g_byte_array_new ();
  read_more (load);
}

static void
start_photo (IocComplaintDetail *self,
             guint               index,
             const char         *url)
{
  PhotoLoad *load;
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;

  self->n_pending++;
  load = g_new0 (PhotoLoad, 1);
  load->self = self;
  load->index = index;
  load->url = g_strdup (url);
  load->cancellable = g_object_ref (self->cancellable);

  /* feeds.md: URLs from a feed are followed only for http(s) media. */
  if (scheme == NULL || !(g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0))
    {
      photo_fail (load, _("Not a web address, not loaded"));
      return;
    }
  if (self->session == NULL)
    {
      photo_fail (load, _("Photos are not fetched in this session"));
      return;
    }
  load->message = soup_message_new_from_uri (SOUP_METHOD_GET, uri);
  soup_session_send_async (self->session, load->message, G_PRIORITY_LOW, load->cancellable,
                           sent, load);
}

static void
show_photos (IocComplaintDetail *self,
             IocComplaint       *complaint)
{
  const char * const *urls = ioc_complaint_get_media_urls (complaint);
  const char *single[] = { ioc_complaint_get_media_url (complaint), NULL };
  guint n;

  if (urls == NULL || urls[0] == NULL)
    urls = single[0] != NULL ? single : NULL;
  n = urls != NULL ? MIN (g_strv_length ((char **) urls), N_PHOTOS_MAX) : 0;

  clear_children (self->photos);
  g_ptr_array_set_size (self->photo_status, 0);
  if (n == 0)
    {
      GtkWidget *none = gtk_label_new (_("No photos"));

      gtk_widget_add_css_class (none, "dim-label");
      gtk_box_append (GTK_BOX (self->photos), none);
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *slot = gtk_button_new ();
      GtkWidget *spinner = gtk_spinner_new ();
      g_autofree char *name = g_strdup_printf (_("Photo %u, loading"), i + 1);

      gtk_spinner_start (GTK_SPINNER (spinner));
      gtk_button_set_child (GTK_BUTTON (slot), spinner);
      gtk_widget_set_size_request (slot, 110, 110);
      gtk_accessible_update_property (GTK_ACCESSIBLE (slot), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      gtk_box_append (GTK_BOX (self->photos), slot);
      g_ptr_array_add (self->photo_status, NULL);
    }
  for (guint i = 0; i < n; i++)
    start_photo (self, i, urls[i]);
}

/* --- the rest ------------------------------------------------------------ */

static char *
describe_deadline (const IocDeadline *deadline)
{
  IocFormatStyle style = ioc_format_style_default ();
  g_autofree char *received = ioc_format_date_time (style, deadline->received);
  g_autofree char *computed = ioc_format_date_time (style, deadline->computed_due);
  GString *out = g_string_new (NULL);
  guint n_skipped = deadline->skipped != NULL ? deadline->skipped->len : 0;

  if (deadline->source == IOC_DEADLINE_SOURCE_SERVER)
    g_string_append_printf (out, _("Set by the server (expected time). The working-day calendar "
                                   "would give %s."), computed);
  else
    g_string_append_printf (out, ngettext ("%u working day (%s) from receipt on %s, until %02u:%02u.",
                                           "%u working days (%s) from receipt on %s, until %02u:%02u.",
                                           deadline->working_days),
                            deadline->working_days, ioc_sla_tier_label (deadline->tier), received,
                            deadline->closing_hour, deadline->closing_minute);
  if (n_skipped > 0)
    {
      g_string_append (out, " ");
      g_string_append_printf (out, ngettext ("%u day not counted", "%u days not counted", n_skipped),
                              n_skipped);
      for (guint i = 0, named = 0; i < n_skipped && named < 3; i++)
        {
          const IocSkippedDay *day = &g_array_index (deadline->skipped, IocSkippedDay, i);
          g_autofree char *date = NULL;

          if (day->name == NULL)
            continue;
          date = ioc_format_gdate (style, &day->date);
          g_string_append_printf (out, "%s%s %s", named == 0 ? ": " : ", ", day->name, date);
          named++;
        }
      g_string_append (out, ".");
    }
  if (!deadline->holidays_known)
    g_string_append_printf (out, " %s", _("The calendar does not cover these years: public holidays may be missing."));
  {
    /* A server deadline set aside (before receipt, or years away): said. */
    g_autofree char *rejected = ioc_deadline_describe_rejection (deadline);

    if (rejected != NULL)
      g_string_append_printf (out, " %s", rejected);
  }
  return g_string_free (out, FALSE);
}

/* A note's type in words: the types the feeds send are English words
 * ("status", "comment"); others are shown as they came, made safe. */
static char *
note_type_label (const char *type)
{
  static const struct { const char *word; const char *label; } known[] = {
    { "status", NC_("note type", "status change") },
    { "comment", NC_("note type", "note") },
    { "resolved", NC_("note type", "resolution") },
    { "closed", NC_("note type", "closed") },
    { "assigned", NC_("note type", "forwarded") },
    { "duplicate", NC_("note type", "duplicate") },
    { "rejected", NC_("note type", "rejection") },
    { "reopened", NC_("note type", "reopened") },
  };

  if (type == NULL)
    return g_strdup ("");
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_ascii_strcasecmp (type, known[i].word) == 0)
      return g_strdup (g_dpgettext2 (GETTEXT_PACKAGE, "note type", known[i].label));
  return ioc_complaint_export_clean_text (type);
}

static void
show_notes (IocComplaintDetail *self,
            IocComplaint       *complaint)
{
  GPtrArray *notes = ioc_complaint_get_notes (complaint);
  IocFormatStyle style = ioc_format_style_default ();

  clear_children (self->notes);
  /* Newest first: the operator wants the latest step. */
  for (guint k = notes->len; k > 0; k--)
    {
      const IocComplaintNote *note = g_ptr_array_index (notes, k - 1);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *head = add_label (box, "caption-heading");
      GtkWidget *body = add_label (box, NULL);
      g_autofree char *when = note->datetime != NULL ? ioc_format_date_time (style, note->datetime) : g_strdup ("—");
      g_autofree char *who = ioc_complaint_export_clean_text (note->author);
      g_autofree char *type = note_type_label (note->type);
      g_autofree char *line = g_strdup_printf ("%s · %s%s%s", when, *who != '\0' ? who : _("unknown author"),
                                               *type != '\0' ? " · " : "", type);

      gtk_label_set_text (GTK_LABEL (head), line);
      set_text (body, note->description);
      gtk_label_set_selectable (GTK_LABEL (body), TRUE);
      gtk_widget_set_margin_start (box, 8);
      gtk_widget_set_margin_end (box, 8);
      gtk_widget_set_margin_top (box, 6);
      gtk_widget_set_margin_bottom (box, 6);
      gtk_list_box_append (GTK_LIST_BOX (self->notes), box);
    }
  if (notes->len == 0)
    {
      GtkWidget *none = gtk_label_new (_("No notes yet"));

      gtk_widget_add_css_class (none, "dim-label");
      gtk_widget_set_margin_top (none, 6);
      gtk_widget_set_margin_bottom (none, 6);
      gtk_list_box_append (GTK_LIST_BOX (self->notes), none);
    }
}

static void
show_duplicates (IocComplaintDetail *self,
                 IocComplaint       *complaint,
                 GPtrArray          *duplicates)
{
  IocFormatStyle style = ioc_format_style_default ();

  clear_children (self->duplicates);
  gtk_widget_set_visible (self->duplicates, duplicates != NULL && duplicates->len > 0);
  gtk_widget_set_visible (self->duplicates_title, duplicates != NULL && duplicates->len > 0);
  for (guint i = 0; duplicates != NULL && i < duplicates->len; i++)
    {
      IocComplaint *other = g_ptr_array_index (duplicates, i);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *head = add_label (text, "caption-heading");
      GtkWidget *body = add_label (text, "caption");
      GtkWidget *button = gtk_button_new_with_label (_("Mark as duplicate of this"));
      double d = ioc_haversine_m (ioc_complaint_get_lat (complaint), ioc_complaint_get_long (complaint),
                                  ioc_complaint_get_lat (other), ioc_complaint_get_long (other));
      g_autofree char *metres = ioc_format_integer (style, (gint64) (d + 0.5));
      g_autofree char *id = ioc_complaint_export_clean_text (ioc_complaint_get_service_request_id (other));
      g_autofree char *line = g_strdup_printf (_("%s · %s m away · %s"), id, metres,
                                               ioc_complaint_status_label (ioc_complaint_get_status (other)));
      g_autofree char *name = g_strdup_printf (_("Mark as duplicate of %s"), id);

      gtk_label_set_text (GTK_LABEL (head), line);
      set_text (body, ioc_complaint_get_description (other));
      gtk_label_set_lines (GTK_LABEL (body), 2);
      gtk_label_set_ellipsize (GTK_LABEL (body), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (text, TRUE);
      gtk_box_append (GTK_BOX (row), text);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "queue.mark-duplicate-of");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s",
                                        ioc_complaint_get_service_request_id (other));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      gtk_widget_set_halign (button, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (row), button);
      gtk_widget_set_margin_start (row, 8);
      gtk_widget_set_margin_end (row, 8);
      gtk_widget_set_margin_top (row, 6);
      gtk_widget_set_margin_bottom (row, 6);
      gtk_list_box_append (GTK_LIST_BOX (self->duplicates), row);
    }
}

/**
 * ioc_complaint_detail_show:
 * @self: the pane
 * @complaint: (nullable): the complaint, %NULL for none
 * @deadline: (nullable): its deadline (domain.md §3)
 * @now: (nullable): the time the countdown is judged at
 * @duplicates: (nullable) (element-type IocComplaint): likely duplicates
 * @delivery: (nullable): delivery state of its last action
 * @delivery_message: (nullable): the reason when it needs the operator
 *
 * Shows @complaint. Photos of the previous one still loading are cancelled.
 */
void
ioc_complaint_detail_show (IocComplaintDetail *self,
                           IocComplaint       *complaint,
                           const IocDeadline  *deadline,
                           GDateTime          *now,
                           GPtrArray          *duplicates,
                           const char         *delivery,
                           const char         *delivery_message)
{
  IocFormatStyle style = ioc_format_style_default ();
  gboolean same = complaint != NULL && complaint == self->complaint;
  GtkWidget *child;

  g_return_if_fail (IOC_IS_COMPLAINT_DETAIL (self));

  g_set_object (&self->complaint, complaint);
  for (child = gtk_widget_get_first_child (self->box); child != NULL; child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_visible (child, complaint != NULL ? child != self->empty : child == self->empty);
  if (complaint == NULL)
    {
      if (self->cancellable != NULL)
        g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      clear_children (self->photos);
      g_ptr_array_set_size (self->photo_status, 0);
      self->n_pending = 0;
      return;
    }

  {
    g_autofree char *id = ioc_complaint_export_clean_text (ioc_complaint_get_service_request_id (complaint));
    g_autofree char *title = g_strdup_printf ("%s — %s", id,
                                              ioc_complaint_status_label (ioc_complaint_get_status (complaint)));
    GString *sub = g_string_new (NULL);
    IocField field;
    const char *commune_code = ioc_complaint_get_commune_code (complaint);
    const IocCommune *commune = commune_code != NULL ? ioc_commune_lookup (commune_code) : NULL;
    GDateTime *received = ioc_complaint_get_requested_datetime (complaint);

    gtk_label_set_text (GTK_LABEL (self->title), title);
    if (ioc_complaint_get_field (complaint, &field))
      g_string_append (sub, ioc_field_label (field));
    else
      {
        g_autofree char *code = ioc_complaint_export_clean_text (ioc_complaint_get_service_code (complaint));

        g_string_append (sub, code);
      }
    g_string_append_printf (sub, " · %s", ioc_priority_label (ioc_complaint_get_priority (complaint)));
    if (received != NULL)
      {
        g_autofree char *r = ioc_format_date_time (style, received);

        g_string_append_printf (sub, " · %s %s", _("received"), r);
      }
    if (ioc_complaint_get_agency_responsible (complaint) != NULL)
      {
        g_autofree char *agency = ioc_complaint_export_clean_text (ioc_complaint_get_agency_responsible (complaint));

        g_string_append_printf (sub, " · %s", agency);
      }
    gtk_label_set_text (GTK_LABEL (self->subtitle), sub->str);
    g_string_free (sub, TRUE);

    if (ioc_complaint_get_claimed_by (complaint) != NULL)
      {
        const char *claimed_by = ioc_complaint_get_claimed_by (complaint);
        g_autofree char *who = ioc_complaint_export_clean_text (claimed_by);
        g_autofree char *line = NULL;

        /* "claimed_by shows who else is handling a complaint": the
         * operator's own claim says so rather than naming them. */
        if (self->operator_name != NULL && *self->operator_name != '\0'
            && g_strcmp0 (claimed_by, self->operator_name) == 0)
          line = g_strdup (_("You are handling this complaint"));
        else
          line = g_strdup_printf (_("Being handled by %s"), who);
        gtk_label_set_text (GTK_LABEL (self->claimed), line);
      }
    gtk_widget_set_visible (self->claimed, ioc_complaint_get_claimed_by (complaint) != NULL);

    set_text (self->description, ioc_complaint_get_description (complaint));
    if (ioc_complaint_get_description (complaint) == NULL)
      {
        gtk_label_set_text (GTK_LABEL (self->description), _("No description"));
        gtk_widget_set_visible (self->description, TRUE);
      }
    set_text (self->address, ioc_complaint_get_address (complaint) != NULL
                             ? ioc_complaint_get_address (complaint) : _("No address"));
    if (ioc_complaint_get_has_location (complaint) || commune != NULL)
      {
        g_autofree char *lat = ioc_format_decimal (style, ioc_complaint_get_lat (complaint), 5);
        g_autofree char *lon = ioc_format_decimal (style, ioc_complaint_get_long (complaint), 5);
        g_autofree char *line = NULL;

        if (ioc_complaint_get_has_location (complaint))
          line = g_strdup_printf ("%s · %s, %s", commune != NULL ? commune->full_name : "—", lat, lon);
        else
          line = g_strdup_printf ("%s · %s", commune->full_name, _("no coordinates"));
        gtk_label_set_text (GTK_LABEL (self->location), line);
      }
    else
      gtk_label_set_text (GTK_LABEL (self->location), _("No location"));
    /* Neither a commune nor coordinates: the map's "No location" says it. */
    gtk_widget_set_visible (self->location, ioc_complaint_get_has_location (complaint) || commune != NULL);
  }
  ioc_complaint_detail_show_map (self, complaint);

  if (deadline != NULL)
    {
      g_autofree char *due = ioc_format_date_time (style, deadline->due);
      g_autofree char *how = describe_deadline (deadline);
      g_autofree char *line = NULL;
      g_autoptr(GDateTime) clock = now == NULL ? g_date_time_new_now_utc () : NULL;
      IocDeadlineState state = ioc_deadline_get_state (deadline, ioc_complaint_is_open (complaint),
                                                       now != NULL ? now : clock);
      GTimeSpan left = ioc_deadline_time_left (deadline, now != NULL ? now : clock);
      g_autofree char *span = ioc_format_duration (style, left < 0 ? -left : left);

      gtk_widget_remove_css_class (self->deadline, "warning");
      gtk_widget_remove_css_class (self->deadline, "error");
      switch (state)
        {
        case IOC_DEADLINE_STATE_OVERDUE:
          line = g_strdup_printf (_("Due %s — overdue by %s"), due, span);
          gtk_widget_add_css_class (self->deadline, "error");
          break;
        case IOC_DEADLINE_STATE_DUE_SOON:
          line = g_strdup_printf (_("Due %s — %s left"), due, span);
          gtk_widget_add_css_class (self->deadline, "warning");
          break;
        case IOC_DEADLINE_STATE_ON_TRACK:
          line = g_strdup_printf (_("Due %s — %s left"), due, span);
          break;
        case IOC_DEADLINE_STATE_CLOSED:
        default:
          line = g_strdup_printf (_("Was due %s"), due);
          break;
        }
      gtk_label_set_text (GTK_LABEL (self->deadline), line);
      gtk_label_set_text (GTK_LABEL (self->deadline_how), how);
    }
  else
    {
      gtk_label_set_text (GTK_LABEL (self->deadline), _("No receipt time: no deadline"));
      gtk_widget_set_visible (self->deadline_how, FALSE);
    }

  /* Delivery of the operator's last action on it. */
  gtk_widget_set_visible (self->delivery, delivery_message != NULL);
  gtk_widget_set_visible (self->conflict_button, g_strcmp0 (delivery, "conflict") == 0 ||
                                                 g_strcmp0 (delivery, "failed") == 0);
  if (delivery_message != NULL)
    {
      g_autofree char *msg = ioc_complaint_export_clean_text (delivery_message);

      gtk_label_set_text (GTK_LABEL (self->delivery_label), msg);
      gtk_widget_add_css_class (self->delivery_label, "error");
    }

  show_notes (self, complaint);
  show_duplicates (self, complaint, duplicates);

  /* Photos only when the complaint changed: a refresh of the same one must
   * not refetch (nor flicker). */
  if (!same)
    {
      if (self->cancellable != NULL)
        g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
      self->n_pending = 0;
      show_photos (self, complaint);
    }
}

/** ioc_complaint_detail_get_complaint: @self: the pane Returns: (transfer none) (nullable): the complaint shown */
IocComplaint *
ioc_complaint_detail_get_complaint (IocComplaintDetail *self)
{
  return self->complaint;
}

/** ioc_complaint_detail_get_n_photos_pending: @self: the pane Returns: photos still loading */
guint
ioc_complaint_detail_get_n_photos_pending (IocComplaintDetail *self)
{
  return self->n_pending;
}

/** ioc_complaint_detail_get_photo_status: @self: the pane @i: a photo Returns: (nullable): "" shown, a reason, or %NULL while loading */
const char *
ioc_complaint_detail_get_photo_status (IocComplaintDetail *self,
                                       guint               i)
{
  g_return_val_if_fail (i < self->photo_status->len, NULL);
  return g_ptr_array_index (self->photo_status, i);
}

/** ioc_complaint_detail_get_map: @self: the pane Returns: (transfer none): the small location map */
GtkWidget *
ioc_complaint_detail_get_map (IocComplaintDetail *self)
{
  return self->map;
}

/** ioc_complaint_detail_get_no_location: @self: the pane Returns: (transfer none): the label shown instead of the map */
GtkWidget *
ioc_complaint_detail_get_no_location (IocComplaintDetail *self)
{
  return self->no_location;
}

/* IocStationKeepClearFunc: the complaint's dot, at the centre of the small
 * map, stays readable — a commune name centred there steps aside. */
static gboolean
keep_marker_clear (double    x,
                   double    y,
                   double    pad,
                   double   *cx,
                   double   *cy,
                   double   *r,
                   gpointer  user_data)
{
  IocComplaintDetail *self = user_data;
  double mx = gtk_widget_get_width (GTK_WIDGET (self->commune_names)) / 2.0;
  double my = gtk_widget_get_height (GTK_WIDGET (self->commune_names)) / 2.0;

  *cx = mx;
  *cy = my;
  *r = MARKER_SIZE / 2.0;
  return hypot (x - mx, y - my) < pad + *r + 1;
}

/**
 * ioc_complaint_detail_set_boundaries:
 * @self: the pane
 * @boundaries: (nullable): the commune boundaries (the `boundary-file`
 *   setting)
 *
 * Names the communes on the small map, under the complaint's point (the
 * base map draws their edges): the operator sees which commune and which
 * side of it the point is in.
 */
void
ioc_complaint_detail_set_boundaries (IocComplaintDetail *self,
                                     IocGeoJson         *boundaries)
{
  g_return_if_fail (IOC_IS_COMPLAINT_DETAIL (self));

  if (self->commune_names == NULL)
    {
      ShumateViewport *viewport = shumate_simple_map_get_viewport (SHUMATE_SIMPLE_MAP (self->map));
      g_autoptr(ShumateLayer) markers = g_object_ref (self->markers);

      self->commune_names = ioc_commune_layer_new (viewport);
      ioc_commune_layer_set_parts (self->commune_names, IOC_COMMUNE_LAYER_NAMES);
      ioc_commune_layer_set_keep_clear (self->commune_names, keep_marker_clear, self);
      /* Names under the point: the point is what the map is for. */
      shumate_simple_map_remove_overlay_layer (SHUMATE_SIMPLE_MAP (self->map), markers);
      shumate_simple_map_add_overlay_layer (SHUMATE_SIMPLE_MAP (self->map), SHUMATE_LAYER (self->commune_names));
      shumate_simple_map_add_overlay_layer (SHUMATE_SIMPLE_MAP (self->map), markers);
    }
  ioc_commune_layer_set_boundaries (self->commune_names, boundaries);
}

/**
 * ioc_complaint_detail_set_operator:
 * @name: (nullable): the operator's name (GSettings `operator-name`)
 *
 * The operator's own claim reads "You are handling this complaint" rather
 * than their name (issue "Complaint triage": claimed_by shows who *else*
 * is handling it). Takes effect with the next complaint shown.
 */
void
ioc_complaint_detail_set_operator (IocComplaintDetail *self,
                                   const char         *name)
{
  g_return_if_fail (IOC_IS_COMPLAINT_DETAIL (self));
  g_free (self->operator_name);
  self->operator_name = g_strdup (name);
}

/**
 * ioc_complaint_detail_focus_actions:
 *
 * Puts the keyboard focus on the first action the complaint allows (Enter
 * on a row): the operator opened it to act. Without an enabled action the
 * focus goes to the pane's first control.
 */
void
ioc_complaint_detail_focus_actions (IocComplaintDetail *self)
{
  g_return_if_fail (IOC_IS_COMPLAINT_DETAIL (self));

  for (GtkWidget *child = gtk_widget_get_first_child (self->actions); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      if (button != NULL && gtk_widget_is_sensitive (button) && gtk_widget_get_visible (button)
          && gtk_widget_grab_focus (button))
        return;
    }
  gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
}
