"""Files for the demo cases, made from nothing: a referral letter (PDF), a clinical photo (PNG) and a small
CT study (zipped DICOM) whose headers carry the demo patient's name, as a real export from a hospital's PACS
would. The demo loader sends them through the real upload pipeline, so what the demo stores is what a
clinician's upload would store: checked by content, the study de-identified, previews made.
"""

import io
import math
import zipfile

from django.utils import timezone


def referral_letter_pdf(title, lines):
    """A one-page PDF letter with reportlab (pip-installable, no system libraries)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    pdf.setTitle(title)
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(72, 770, title)
    pdf.setFont("Helvetica", 11)
    y = 740
    for line in lines:
        pdf.drawString(72, y, line)
        y -= 18
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def clinical_photo_png(size=(640, 480)):
    """A synthetic 'photo': a soft gradient with an outlined region, no person in it."""
    from PIL import Image, ImageDraw, ImageFilter

    image = Image.new("RGB", size, (226, 196, 178))
    draw = ImageDraw.Draw(image)
    width, height = size
    for y in range(0, height, 4):
        shade = int(20 * math.sin(y / height * math.pi))
        draw.rectangle([0, y, width, y + 4], fill=(226 - shade, 190 - shade, 172 - shade))
    draw.ellipse([width * 0.35, height * 0.3, width * 0.65, height * 0.7], outline=(160, 60, 60), width=6)
    image = image.filter(ImageFilter.GaussianBlur(1.5))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def ct_study_zip(*, patient_name, patient_id, birth_date, slices=8, size=128):
    """A zipped CT series of ``slices`` 16-bit images of a phantom, exported under folders named after the
    patient (as PACS exports often are), with a DICOMDIR-like index left out for brevity."""
    import numpy as np
    import pydicom
    from pydicom.dataset import FileMetaDataset
    from pydicom.uid import CTImageStorage, ExplicitVRLittleEndian, generate_uid

    study_uid, series_uid, frame_uid = generate_uid(), generate_uid(), generate_uid()
    today = timezone.localdate().strftime("%Y%m%d")
    yy, xx = np.mgrid[0:size, 0:size]
    centre = size / 2
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index in range(slices):
            radius = size * (0.30 + 0.08 * math.sin(index / max(1, slices - 1) * math.pi))
            body = ((xx - centre) ** 2 + (yy - centre) ** 2) < radius**2
            organ = ((xx - centre * 0.8) ** 2 + (yy - centre * 1.1) ** 2) < (radius * 0.35) ** 2
            pixels = np.where(body, 1040, 0) + np.where(organ, 160, 0)
            meta = FileMetaDataset()
            meta.MediaStorageSOPClassUID = CTImageStorage
            meta.MediaStorageSOPInstanceUID = generate_uid()
            meta.TransferSyntaxUID = ExplicitVRLittleEndian
            ds = pydicom.Dataset()
            ds.file_meta = meta
            ds.SOPClassUID, ds.SOPInstanceUID = CTImageStorage, meta.MediaStorageSOPInstanceUID
            ds.StudyInstanceUID, ds.SeriesInstanceUID, ds.FrameOfReferenceUID = study_uid, series_uid, frame_uid
            ds.PatientName, ds.PatientID, ds.PatientBirthDate = patient_name, patient_id, birth_date
            ds.InstitutionName = "Demo University Hospital"
            ds.ReferringPhysicianName = "Demo^Referrer"
            ds.StudyDate = ds.SeriesDate = today
            ds.Modality, ds.StudyDescription, ds.SeriesDescription = "CT", "CT abdomen pelvis", "Axial 5 mm"
            ds.SeriesNumber, ds.InstanceNumber = 1, index + 1
            ds.ImagePositionPatient = [0, 0, index * 5.0]
            ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
            ds.PixelSpacing, ds.SliceThickness = [1.5, 1.5], 5.0
            ds.Rows = ds.Columns = size
            ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
            ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 12, 11, 0
            ds.RescaleIntercept, ds.RescaleSlope = -1024, 1
            ds.WindowCenter, ds.WindowWidth = 40, 400
            ds.PixelData = pixels.astype("<u2").tobytes()
            member = io.BytesIO()
            pydicom.dcmwrite(member, ds, enforce_file_format=True)
            folder = patient_name.replace("^", "_")
            archive.writestr(f"{folder}/CT/IM{index + 1:04d}.dcm", member.getvalue())
    return buffer.getvalue()
