from .education import EducationActivity
from .exams import ExamAttempt, ExamPaper, Question
from .experts import TrainingExpert
from .officers import InfoOfficer
from .surveys import KnowledgeSurvey, SurveyResponse
from .training import Course, TrainingClass, TrainingRecord
from .volunteers import CallOut, CallOutEntry, Volunteer, VolunteerCertificate

__all__ = ["CallOut", "CallOutEntry", "Course", "EducationActivity", "ExamAttempt", "ExamPaper", "InfoOfficer",
           "KnowledgeSurvey", "Question", "SurveyResponse", "TrainingClass", "TrainingExpert", "TrainingRecord",
           "Volunteer", "VolunteerCertificate"]
