from .education import EducationActivity
from .exams import ExamAttempt, ExamPaper, Question
from .officers import InfoOfficer
from .training import Course, TrainingClass, TrainingRecord
from .volunteers import CallOut, CallOutEntry, Volunteer, VolunteerCertificate

__all__ = ["CallOut", "CallOutEntry", "Course", "EducationActivity", "ExamAttempt", "ExamPaper", "InfoOfficer",
           "Question", "TrainingClass", "TrainingRecord", "Volunteer", "VolunteerCertificate"]
