"""Importing responses from another survey tool into a closed wave: upload, columns, answers,
preview and import (all or nothing)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from pulse.organisations.access import ics_view
from pulse.organisations.models import ICS
from pulse.organisations.permissions import Perm
from pulse.surveys import selectors
from pulse.surveys.forms.distribution import TableUploadForm
from pulse.surveys.forms.results import AnswersForm, ColumnsForm, ImportForm, SavedMappingForm
from pulse.surveys.models import ResultsUpload, Wave, WaveStatus
from pulse.surveys.participants_file import normalise
from pulse.surveys.presenters import results as presenters
from pulse.surveys.services import results as services
from pulse.surveys.views.admin._common import page, posted, save


def _step(name: str, ics: ICS, upload: ResultsUpload) -> HttpResponse:
    return redirect(name, ics_code=ics.url_code, wave_id=upload.wave_id, upload_id=upload.pk)


def _closed(wave: Wave) -> bool:
    return wave.status == WaveStatus.CLOSED


@require_http_methods(["GET", "POST"])
@ics_view(Perm.MANAGE_WAVES)
def upload_results(request: HttpRequest, ics: ICS, wave_id: int) -> HttpResponse:
    wave = selectors.wave_for_ics(ics=ics, wave_id=wave_id)
    data = posted(request)
    form = TableUploadForm(
        data=data, files=request.FILES if data is not None else None, label="Upload an export"
    )
    if request.method == "POST" and _closed(wave) and form.is_valid():
        name, content = form.cleaned_data["file"]
        upload = save(
            form,
            lambda: services.results_upload_create(
                wave=wave, name=name, data=content, by=request.user
            ),
        )
        if upload is not None:
            return _step("surveys:map_result_columns", ics, upload)
    return page(request, ics, "upload_results", wave=wave, form=form, closed=_closed(wave))


@require_http_methods(["GET", "POST"])
@ics_view(Perm.MANAGE_WAVES)
def map_result_columns(
    request: HttpRequest, ics: ICS, wave_id: int, upload_id: int
) -> HttpResponse:
    """Which question each column answers; or a saved mapping to reuse."""
    wave = selectors.wave_for_ics(ics=ics, wave_id=wave_id)
    upload = selectors.results_upload_for_wave(wave=wave, upload_id=upload_id)
    found = services.upload_targets(upload)
    mappings = list(selectors.results_mappings_for_ics(ics=ics))
    using_saved = request.method == "POST" and request.POST.get("action") == "use_mapping"
    initial = {f"column_{i}": key for i, key in upload.column_map.items()}
    initial["date_column"] = "" if upload.date_column is None else str(upload.date_column)
    form = ColumnsForm(
        data=None if using_saved else posted(request),
        initial=initial,
        columns=upload.columns,
        targets=found,
    )
    saved = SavedMappingForm(data=posted(request) if using_saved else None, mappings=mappings)
    if using_saved and saved.is_valid() and _closed(wave):
        mapping = selectors.results_mapping_for_ics(
            ics=ics, mapping_id=int(saved.cleaned_data["mapping"])
        )
        if mapping is not None and save(
            saved,
            lambda: services.results_mapping_apply(upload=upload, mapping=mapping, by=request.user),
        ):
            messages.success(
                request, f"Mapping \u201c{mapping.name}\u201d used. Check the answers."
            )
            return _step("surveys:map_result_answers", ics, upload)
    elif form.is_bound and form.is_valid() and _closed(wave):
        update = lambda: services.results_columns_update(  # noqa: E731
            upload=upload,
            column_map=form.column_map(),
            date_column=form.date_column(),
            by=request.user,
        )
        if save(form, update) is not None:
            return _step("surveys:map_result_answers", ics, upload)
    return page(
        request,
        ics,
        "map_result_columns",
        wave=wave,
        upload=upload,
        form=form,
        saved=saved,
        mappings=mappings,
        examples=presenters.column_examples(upload),
    )


@require_http_methods(["GET", "POST"])
@ics_view(Perm.MANAGE_WAVES)
def map_result_answers(
    request: HttpRequest, ics: ICS, wave_id: int, upload_id: int
) -> HttpResponse:
    """What each answer label means: an option of the question, or "not answered"."""
    wave = selectors.wave_for_ics(ics=ics, wave_id=wave_id)
    upload = selectors.results_upload_for_wave(wave=wave, upload_id=upload_id)
    form = AnswersForm(
        data=posted(request),
        labels=services.labels_by_key(upload),
        targets=services.upload_targets(upload),
        current=upload.value_map,
        normalise=normalise,
    )
    if request.method == "POST" and form.is_valid() and _closed(wave):
        update = lambda: services.results_values_update(  # noqa: E731
            upload=upload, value_map=form.value_map(), by=request.user
        )
        if save(form, update) is not None:
            return _step("surveys:preview_results", ics, upload)
    if request.method == "GET" and not form.fields:
        return _step("surveys:preview_results", ics, upload)
    return page(
        request,
        ics,
        "map_result_answers",
        wave=wave,
        upload=upload,
        form=form,
        groups=presenters.answer_groups(form),
    )


@require_http_methods(["GET", "POST"])
@ics_view(Perm.MANAGE_WAVES)
def preview_results(request: HttpRequest, ics: ICS, wave_id: int, upload_id: int) -> HttpResponse:
    """Counts, every row that cannot be imported and why, the first rows as they will be
    stored; then import all or nothing."""
    wave = selectors.wave_for_ics(ics=ics, wave_id=wave_id)
    upload = selectors.results_upload_for_wave(wave=wave, upload_id=upload_id)
    form = ImportForm(data=posted(request))
    if request.method == "POST" and form.is_valid() and _closed(wave):
        try:
            count = services.results_import(
                upload=upload, save_as=form.cleaned_data["save_as"], by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, presenters.imported_message(count))
            return redirect("surveys:show_wave", ics_code=ics.url_code, wave_id=wave.pk)
    check = services.results_check(upload)
    return page(
        request,
        ics,
        "preview_results",
        wave=wave,
        upload=upload,
        form=form,
        check=check,
        summary_rows=presenters.preview_summary(upload, check),
        problem_rows=presenters.problem_rows(check),
        first_rows=presenters.first_rows(upload, check),
    )
