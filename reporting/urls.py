from django.urls import path

from . import views, views_outlines, views_reviews

app_name = "reporting"
urlpatterns = [
    path("", views.index, name="index"),
    path("dot/moi/", views.round_new, name="round_new"),
    path("dot/<int:pk>/", views.round_detail, name="round"),
    path("so-ket-tong-ket/moi/", views_reviews.review_new, name="review_new"),
    path("de-cuong/", views_outlines.outline_list, name="outlines"),
    path("de-cuong/<int:pk>/", views_outlines.outline_detail, name="outline"),
    path("de-cuong/<int:pk>/sao-chep/", views_outlines.outline_copy, name="outline_copy"),
    path("dot/<int:pk>/hoi-nghi/", views_reviews.conference, name="conference"),
    path("dot/<int:pk>/tinh-hinh.xlsx", views.round_xlsx, name="round_xlsx"),
    path("dot/<int:pk>/nhac/", views.remind, name="remind_all"),
    path("dot/<int:pk>/nhac/<int:sub_pk>/", views.remind, name="remind"),
    path("dot/<int:pk>/tong-hop/", views.consolidated, name="consolidated"),
    path("dot/<int:pk>/tong-hop.docx", views.consolidated_docx, name="consolidated_docx"),
    path("dot/<int:pk>/tong-hop.xlsx", views.consolidated_xlsx, name="consolidated_xlsx"),
    path("dot/<int:pk>/tong-hop/lap-tep/", views.consolidated_job, name="consolidated_job"),
    path("dot/<int:pk>/tong-hop/gui-cap-tren/", views.fill_upward, name="fill_upward"),
    path("<int:pk>/", views.submission, name="submission"),
    path("<int:pk>/luu-tu-dong/", views.autosave, name="autosave"),
    path("<int:pk>/xu-ly/", views.review, name="review"),
    path("<int:pk>/tep/", views.attachment_add, name="attachment_add"),
    path("<int:pk>/tep/<int:att_pk>/", views.attachment, name="attachment"),
]
