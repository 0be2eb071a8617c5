"""RODO through the life of a case: erasure that reaches every copy, and its bookkeeping.

``erasure`` removes one case from this device (rows, attachments, drafts, sync state, the ids in
the audit log) and signs a notice; ``notices`` applies notices and receipts arriving in bundles;
``erasure_file`` keeps the erasure list beside the database so a restored backup re-applies it.
"""
