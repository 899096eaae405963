"""Display values for the self-assessment pages, the PDF report and the Excel data pack."""
